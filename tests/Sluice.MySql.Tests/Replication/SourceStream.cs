using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Replication;
using Sluice.MySql.Session;
using Sluice.Testing;

namespace Sluice.MySql.Tests.Replication;

/// <summary>Helpers to stream a test server's binlog through <see cref="BinlogClient"/>.</summary>
internal static class SourceStream
{
    public static MySqlConnectionOptions Connection(MariaDbInstance server) => new()
    {
        Host = server.Host,
        Port = server.Port,
        User = server.User,
        Password = server.Password,
        SslMode = MySqlSslMode.Disabled,
    };

    public static BinlogClientOptions Options(MariaDbInstance server, BinlogCheckpoint start) => new()
    {
        Connection = Connection(server),
        Start = start,
        HeartbeatPeriod = TimeSpan.FromSeconds(1),
        InitialReconnectDelay = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>The source's current end of binlog, as a starting checkpoint.</summary>
    public static async Task<BinlogCheckpoint> EndAsync(MariaDbInstance server)
    {
        var (file, position) = await server.MasterStatusAsync();
        return BinlogCheckpoint.At(new Sluice.MySql.Positions.BinlogPosition(file, position));
    }

    /// <summary>Reads events until <paramref name="stop"/> says so; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<List<BinlogEvent>> ReadUntilAsync(
        BinlogClient client,
        Func<BinlogEvent, bool> stop,
        TimeSpan? timeout = null,
        Action<BinlogEvent>? onEvent = null)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(timeout ?? TimeSpan.FromMinutes(3));
        var events = new List<BinlogEvent>();
        try
        {
            await foreach (var binlogEvent in client.ReadEventsAsync(cancellation.Token))
            {
                events.Add(binlogEvent);
                onEvent?.Invoke(binlogEvent);
                if (stop(binlogEvent))
                    break;
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"the stop condition was not met within {timeout ?? TimeSpan.FromMinutes(3)}; read {events.Count} events");
        }

        return events;
    }

    /// <summary>True for a row event on the given table.</summary>
    public static bool IsRowsOf(BinlogEvent binlogEvent, string schema, string table) =>
        binlogEvent is RowsEvent rows && rows.Table.SchemaName == schema && rows.Table.TableName == table;
}
