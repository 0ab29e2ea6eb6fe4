using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Tests.Session;

/// <summary>
/// The server's end of a scripted exchange, with its own minimal packet framing (independent of the
/// library's): 3-byte length, sequence id, payload. No payload here reaches 16 MiB.
/// </summary>
internal sealed class ScriptedConnection : IAsyncDisposable
{
    private Stream _stream;

    public ScriptedConnection(Stream stream) => _stream = stream;

    public byte SequenceId { get; set; }

    public async Task SendAsync(byte[] payload, byte? sequenceId = null)
    {
        var packet = new byte[4 + payload.Length];
        packet[0] = (byte)payload.Length;
        packet[1] = (byte)(payload.Length >> 8);
        packet[2] = (byte)(payload.Length >> 16);
        packet[3] = sequenceId ?? SequenceId;
        SequenceId = (byte)(packet[3] + 1);
        payload.CopyTo(packet, 4);
        await _stream.WriteAsync(packet);
        await _stream.FlushAsync();
    }

    /// <summary>Reads one packet and checks the client numbered it as the protocol says.</summary>
    public async Task<byte[]> ReadAsync()
    {
        var header = new byte[4];
        await _stream.ReadExactlyAsync(header);
        var length = header[0] | (header[1] << 8) | (header[2] << 16);
        Assert.Equal(SequenceId, header[3]);
        SequenceId++;
        var payload = new byte[length];
        await _stream.ReadExactlyAsync(payload);
        return payload;
    }

    /// <summary>Reads the client's next command (sequence id 0) and returns its payload.</summary>
    public Task<byte[]> ReadCommandAsync()
    {
        SequenceId = 0;
        return ReadAsync();
    }

    public async Task StartTlsAsync(X509Certificate2 certificate)
    {
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        });
        _stream = ssl;
    }

    /// <summary>
    /// The usual prelude: a mysql_native_password handshake (TLS when a certificate is given and the client
    /// asks), accepting whatever the client answers, then OK.
    /// </summary>
    public async Task<ClientHandshakeResponse> AcceptLoginAsync(ProtocolCapabilities capabilities, X509Certificate2? certificate = null)
    {
        if (certificate is not null)
            capabilities |= ProtocolCapabilities.Ssl;
        await SendAsync(ServerPackets.HandshakeV10(ServerPackets.NewScramble(), "mysql_native_password", capabilities));
        var response = ClientHandshakeResponse.Parse(await ReadAsync());
        if (response.IsSslRequest)
        {
            await StartTlsAsync(certificate!);
            response = ClientHandshakeResponse.Parse(await ReadAsync());
        }

        await SendAsync(ServerPackets.Ok());
        return response;
    }

    /// <summary>Closes the connection at once, as a killed server thread would.</summary>
    public void Close() => _stream.Dispose();

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
