using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using Sluice.MySql.Replication;
using Sluice.MySql.Session;

namespace Sluice.Testing;

/// <summary>A server's row events read back from its binlog, for tests that replay them through a writer.</summary>
public static class BinlogRows
{
    /// <summary>The current end of <paramref name="server"/>'s binlog.</summary>
    public static async Task<BinlogCheckpoint> EndAsync(MariaDbInstance server, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        var (file, position) = await server.MasterStatusAsync(cancellationToken);
        return BinlogCheckpoint.At(new BinlogPosition(file, position));
    }

    /// <summary>The row events of <paramref name="schema"/> from <paramref name="start"/> to the current end of the binlog.</summary>
    public static async Task<List<RowsEvent>> ReadAsync(MariaDbInstance source, BinlogCheckpoint start, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var options = new BinlogClientOptions
        {
            Connection = new MySqlConnectionOptions
            {
                Host = source.Host,
                Port = source.Port,
                User = source.User,
                Password = source.Password,
                SslMode = MySqlSslMode.Disabled,
            },
            Start = start,
            StopAtEnd = true,
        };
        var events = new List<RowsEvent>();
        await using var client = new BinlogClient(options);
        await foreach (var binlogEvent in client.ReadEventsAsync(cancellationToken))
        {
            if (binlogEvent is RowsEvent rows && rows.Table.SchemaName == schema)
                events.Add(rows);
        }

        return events;
    }
}
