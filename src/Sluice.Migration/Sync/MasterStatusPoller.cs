using MySqlConnector;
using Sluice.Migration.Dump;

namespace Sluice.Migration.Sync;

/// <summary>
/// The source's end of binlog (master_binlog, master_binlog_gtid of the task's status), read every
/// <c>interval</c> on a connection of its own, kept open between reads, so that the stream's dispatcher never
/// waits for a connection to open or for the source to answer (such a wait held every replicated change back).
/// A read that fails leaves the last known position and is tried again on a new connection.
/// </summary>
internal sealed class MasterStatusPoller : IAsyncDisposable
{
    private readonly DatabaseEndpoint _source;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TaskCompletionSource _firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SourcePosition? _latest;

    private MasterStatusPoller(DatabaseEndpoint source, TimeSpan interval)
    {
        _source = source;
        _interval = interval;
        _loop = Task.Run(() => PollAsync(_stop.Token));
    }

    /// <summary>The last position read; null until the first read answers.</summary>
    public SourcePosition? Latest => Volatile.Read(ref _latest);

    /// <summary>Starts reading at once, then every <paramref name="interval"/>.</summary>
    public static MasterStatusPoller Start(DatabaseEndpoint source, TimeSpan interval) => new(source, interval);

    /// <summary>Waits until the first read has answered or failed, for at most <paramref name="timeout"/>.</summary>
    public async Task FirstReadAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await Task.WhenAny(_firstRead.Task, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        MySqlConnection? connection = null;
        try
        {
            while (true)
            {
                try
                {
                    connection ??= await SourceConnections.OpenAsync(_source, cancellationToken).ConfigureAwait(false);
                    var position = await SourcePosition.ReadMasterStatusAsync(connection, readMariaDbGtid: true, cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _latest, position);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is MySqlException or MigrationException or IOException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    // The numbers wait for the source; the binlog stream's own reconnects deal with it.
                    if (connection is not null)
                        await connection.DisposeAsync().ConfigureAwait(false);
                    connection = null;
                }

                _firstRead.TrySetResult();
                await Task.Delay(_interval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped with the unit.
        }
        finally
        {
            _firstRead.TrySetResult();
            if (connection is not null)
                await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
