using System.Text;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Tests.Session;

/// <summary>Server-side payloads built by hand from the protocol documents, for the scripted server.</summary>
internal static class ServerPackets
{
    public const ProtocolCapabilities MySql8Capabilities =
        ProtocolCapabilities.LongPassword | ProtocolCapabilities.FoundRows | ProtocolCapabilities.LongFlag |
        ProtocolCapabilities.ConnectWithDb | ProtocolCapabilities.Protocol41 | ProtocolCapabilities.Transactions |
        ProtocolCapabilities.SecureConnection | ProtocolCapabilities.MultiStatements | ProtocolCapabilities.MultiResults |
        ProtocolCapabilities.PluginAuth | ProtocolCapabilities.ConnectAttrs | ProtocolCapabilities.PluginAuthLengthEncodedClientData |
        ProtocolCapabilities.DeprecateEof;

    /// <summary>A 20-byte scramble without NULs, like the server's (printable characters).</summary>
    public static byte[] NewScramble()
    {
        var scramble = new byte[20];
        for (var i = 0; i < scramble.Length; i++)
            scramble[i] = (byte)Random.Shared.Next(0x21, 0x7F);
        return scramble;
    }

    /// <summary>Protocol::HandshakeV10 as MySQL 8 sends it (10 reserved zero bytes, no MariaDB extension).</summary>
    public static byte[] HandshakeV10(byte[] scramble, string plugin, ProtocolCapabilities capabilities, uint connectionId = 42, string version = "8.0.36")
    {
        var bytes = new List<byte> { 10 };
        bytes.AddRange(Encoding.ASCII.GetBytes(version));
        bytes.Add(0);
        bytes.AddRange(BitConverter.GetBytes(connectionId));
        bytes.AddRange(scramble.AsSpan(0, 8).ToArray());
        bytes.Add(0);
        bytes.AddRange(BitConverter.GetBytes((ushort)((ulong)capabilities & 0xFFFF)));
        bytes.Add(255); // utf8mb4_0900_ai_ci
        bytes.AddRange(BitConverter.GetBytes((ushort)ServerStatus.AutoCommit));
        bytes.AddRange(BitConverter.GetBytes((ushort)(((ulong)capabilities >> 16) & 0xFFFF)));
        bytes.Add((byte)(scramble.Length + 1));
        bytes.AddRange(new byte[10]);
        bytes.AddRange(scramble.AsSpan(8).ToArray());
        bytes.Add(0);
        bytes.AddRange(Encoding.ASCII.GetBytes(plugin));
        bytes.Add(0);
        return [.. bytes];
    }

    public static byte[] Ok(ulong affectedRows = 0, ServerStatus status = ServerStatus.AutoCommit, byte header = 0x00)
    {
        // affectedRows stays below 251 in these scripts: a one-byte length-encoded integer.
        return [header, (byte)affectedRows, 0, (byte)status, (byte)((ushort)status >> 8), 0, 0];
    }

    public static byte[] Eof(ServerStatus status = ServerStatus.AutoCommit) =>
        [0xFE, 0, 0, (byte)status, (byte)((ushort)status >> 8)];

    public static byte[] Err(ushort code, string sqlState, string message) =>
        [0xFF, (byte)code, (byte)(code >> 8), (byte)'#', .. Encoding.ASCII.GetBytes(sqlState), .. Encoding.UTF8.GetBytes(message)];

    public static byte[] AuthMoreData(params byte[] data) => [0x01, .. data];

    public static byte[] AuthSwitchRequest(string plugin, byte[] data) =>
        [0xFE, .. Encoding.ASCII.GetBytes(plugin), 0, .. data, 0];

    /// <summary>ColumnDefinition41 for a VARCHAR column named <paramref name="name"/>.</summary>
    public static byte[] ColumnDefinition(string name)
    {
        var bytes = new List<byte>();
        void LengthEncoded(string value)
        {
            var b = Encoding.UTF8.GetBytes(value);
            bytes.Add((byte)b.Length);
            bytes.AddRange(b);
        }

        LengthEncoded("def");
        LengthEncoded("");
        LengthEncoded("");
        LengthEncoded("");
        LengthEncoded(name);
        LengthEncoded("");
        bytes.Add(0x0C);
        bytes.AddRange(BitConverter.GetBytes((ushort)45));
        bytes.AddRange(BitConverter.GetBytes(80u));
        bytes.Add(0xFD); // MYSQL_TYPE_VAR_STRING
        bytes.AddRange([0, 0]);
        bytes.Add(0);
        bytes.AddRange([0, 0]);
        return [.. bytes];
    }

    /// <summary>A text row; null values become 0xFB. Values stay below 251 bytes.</summary>
    public static byte[] Row(params string?[] values)
    {
        var bytes = new List<byte>();
        foreach (var value in values)
        {
            if (value is null)
            {
                bytes.Add(0xFB);
                continue;
            }

            var b = Encoding.UTF8.GetBytes(value);
            bytes.Add((byte)b.Length);
            bytes.AddRange(b);
        }

        return [.. bytes];
    }
}
