using Sluice.MySql.Positions;
using Sluice.MySql.Replication;
using Sluice.MySql.Session;
using Sluice.Replication.Positioning;

namespace Sluice.Migration.Sync;

/// <summary>Where the sync unit starts reading, and until when it applies idempotently.</summary>
internal sealed record SyncStart(BinlogCheckpoint? Checkpoint, BinlogPosition? SafeModeExit, bool SafeModeForAWhile, string Origin);

/// <summary>
/// Picks the sync unit's start as DM does: the checkpoint when the target holds one (safe mode up to the exit point
/// the previous run recorded, or for a while when it recorded none); else the dump's position in task-mode
/// <c>all</c>; else the task's start time; else its meta; else the source's current end.
/// </summary>
internal static class SyncStartResolver
{
    public static async Task<SyncStart> ResolveAsync(
        MigrationTask task,
        SourceInstance source,
        SyncCheckpoint? checkpoint,
        SyncLocation? dumpLocation,
        MySqlConnectionOptions sourceConnection,
        uint serverId,
        CancellationToken cancellationToken)
    {
        if (checkpoint is not null)
        {
            var exit = checkpoint.SafeModeExit is { } e && e.Position.CompareTo(checkpoint.Global.Position) > 0 ? e.Position : (BinlogPosition?)null;
            return new SyncStart(ToCheckpoint(checkpoint.Global), exit, SafeModeForAWhile: checkpoint.SafeModeExit is null, $"checkpoint {checkpoint.Global}");
        }

        if (dumpLocation is not null)
            return new SyncStart(ToCheckpoint(dumpLocation), null, SafeModeForAWhile: true, $"the dump's position {dumpLocation}");
        if (task.StartTime is { } time)
        {
            var located = await BinlogTimeLocator.LocateAsync(sourceConnection, serverId, time, cancellationToken).ConfigureAwait(false);
            return new SyncStart(located, null, SafeModeForAWhile: true, $"start time {time:u} ({located})");
        }

        if (source.Meta is { } meta)
        {
            var location = new SyncLocation(new BinlogPosition(meta.BinlogName ?? string.Empty, meta.BinlogPos), meta.BinlogGtid ?? string.Empty);
            return new SyncStart(ToCheckpoint(location), null, SafeModeForAWhile: true, $"meta {location}");
        }

        return new SyncStart(null, null, SafeModeForAWhile: false, "the source's current end");
    }

    /// <summary>A saved location as the binlog client's start: the GTID set when there is one (either flavour), and the file position.</summary>
    public static BinlogCheckpoint ToCheckpoint(SyncLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var position = location.Position.FileName.Length > 0 ? location.Position : (BinlogPosition?)null;
        if (location.Gtid.Length > 0 && MariaDbGtidList.TryParse(location.Gtid, out var mariaDb))
            return new BinlogCheckpoint { Position = position, MariaDbGtids = mariaDb };
        if (location.Gtid.Length > 0)
            return new BinlogCheckpoint { Position = position, GtidSet = GtidSet.Parse(location.Gtid) };
        return new BinlogCheckpoint { Position = position };
    }

    /// <summary>The binlog client's checkpoint as a saved location.</summary>
    public static SyncLocation ToLocation(BinlogCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var gtid = checkpoint.MariaDbGtids?.ToString() ?? checkpoint.GtidSet?.ToString() ?? string.Empty;
        return new SyncLocation(checkpoint.Position ?? new BinlogPosition(string.Empty, 4), gtid);
    }
}
