using System.Net;
using System.Net.Sockets;

namespace Sluice.MySql.Tests.Session;

/// <summary>
/// A one-connection server on 127.0.0.1 that plays a script written byte by byte from the protocol
/// documents. Await <see cref="Completion"/> to surface the script's own assertion failures.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();

    public ScriptedServer(Func<ScriptedConnection, Task> script)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Completion = RunAsync(script);
    }

    public int Port { get; }

    public Task Completion { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await Completion.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException or ObjectDisposedException or TimeoutException)
        {
            // The test already observed (or did not need) the script's outcome.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(Func<ScriptedConnection, Task> script)
    {
        using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
        await using var connection = new ScriptedConnection(client.GetStream());
        await script(connection);
    }
}
