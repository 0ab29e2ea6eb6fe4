using System.Globalization;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using Sluice.MySql.Replication;
using Sluice.MySql.Session;

namespace Sluice.Replication.Positioning;

/// <summary>
/// Finds where a source's binlog reaches a moment in time: the checkpoint just before the first transaction that
/// began at or after it, by event timestamps (seconds, the resolution the binlog keeps). Binlog files are picked by
/// the timestamp of their format description event (when the server opened them), then the chosen file is read
/// from its start. A moment older than the oldest binlog still on the server is refused: those events are purged.
/// </summary>
/// <remarks>
/// DM's <c>start-time</c> and TiCDC's past <c>start_ts</c> both mean this. A transaction's events carry the time
/// its statements began, so one that began before a rotation and committed after it is placed by its own time.
/// </remarks>
public static class BinlogTimeLocator
{
    /// <summary>The checkpoint from which reading yields exactly the transactions begun at or after <paramref name="time"/>.</summary>
    /// <exception cref="BinlogPurgedException">The binlog of that moment is no longer on the server.</exception>
    public static async Task<BinlogCheckpoint> LocateAsync(
        MySqlConnectionOptions connection, uint serverId, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var files = await ListBinaryLogsAsync(connection, cancellationToken).ConfigureAwait(false);
        if (files.Count == 0)
            throw new InvalidOperationException("the source has no binary logs: is log_bin on?");

        // The last file opened before the moment holds its first transaction, or a file after it does (read on from
        // there). Not "at or before": a file opened in that very second may follow transactions of the same second.
        var low = 0;
        var high = files.Count - 1;
        var chosen = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var start = await OpenedAtAsync(connection, serverId, files[middle], cancellationToken).ConfigureAwait(false);
            if (start < time)
            {
                chosen = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (chosen < 0)
        {
            var oldest = await OpenedAtAsync(connection, serverId, files[0], cancellationToken).ConfigureAwait(false);
            if (oldest == time)
                return await ScanAsync(connection, serverId, files[0], time, cancellationToken).ConfigureAwait(false);
            throw new BinlogPurgedException(string.Create(CultureInfo.InvariantCulture,
                $"the binlog of {time:yyyy-MM-dd HH:mm:ss}Z is purged: the oldest binlog on the source, {files[0]}, begins at {oldest:yyyy-MM-dd HH:mm:ss}Z"));
        }

        return await ScanAsync(connection, serverId, files[chosen], time, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<string>> ListBinaryLogsAsync(MySqlConnectionOptions connection, CancellationToken cancellationToken)
    {
        var session = await MySqlSession.ConnectAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var result = await session.QueryAsync("SHOW BINARY LOGS", cancellationToken).ConfigureAwait(false);
            return result.Rows.Select(r => r[0] ?? string.Empty).Where(f => f.Length > 0).ToList();
        }
    }

    /// <summary>The timestamp of the file's format description event.</summary>
    private static async Task<DateTimeOffset> OpenedAtAsync(MySqlConnectionOptions connection, uint serverId, string file, CancellationToken cancellationToken)
    {
        await using var client = new BinlogClient(Options(connection, serverId, new BinlogPosition(file, 4)));
        await foreach (var binlogEvent in client.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (binlogEvent is FormatDescriptionEvent && binlogEvent.Header.Timestamp != 0)
                return binlogEvent.Header.Time;
        }

        throw new InvalidOperationException($"binlog {file} has no format description event");
    }

    /// <summary>Reads from the start of <paramref name="file"/> (on through later files) to the first transaction begun at or after the moment.</summary>
    private static async Task<BinlogCheckpoint> ScanAsync(
        MySqlConnectionOptions connection, uint serverId, string file, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var client = new BinlogClient(Options(connection, serverId, new BinlogPosition(file, 4)));
        await foreach (var binlogEvent in client.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (binlogEvent.Header.IsArtificial || binlogEvent.Header.Timestamp == 0)
                continue;
            // Every transaction and DDL opens with a GTID event (MariaDB always, MySQL 5.7+ an anonymous one without GTIDs).
            if (binlogEvent is MariaDbGtidEvent or GtidEvent && binlogEvent.Header.Time >= time)
            {
                // The checkpoint still stands before this event: the tracker moves it only when a transaction completes.
                return client.Checkpoint!;
            }
        }

        // Nothing begun since: the end of the binlog as it is now.
        return client.Checkpoint!;
    }

    private static BinlogClientOptions Options(MySqlConnectionOptions connection, uint serverId, BinlogPosition start) => new()
    {
        Connection = connection,
        ServerId = serverId,
        Start = BinlogCheckpoint.At(start),
        StopAtEnd = true,
        ResolveColumnNames = false,
    };
}

/// <summary>The binlog a start point needs is no longer on the source.</summary>
public sealed class BinlogPurgedException(string message) : Exception(message);
