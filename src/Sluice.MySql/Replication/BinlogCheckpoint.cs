using System.Text;
using Sluice.MySql.Positions;

namespace Sluice.MySql.Replication;

/// <summary>
/// Where a binlog stream stands: the file position and, when known, the GTID state (MySQL's executed
/// GTID set or MariaDB's per-domain GTID list). A stream started from a checkpoint resumes right after it;
/// the GTID state wins over the file position when both are given.
/// </summary>
public sealed record BinlogCheckpoint
{
    /// <summary>File and position of the next event to read.</summary>
    public BinlogPosition? Position { get; init; }

    /// <summary>MySQL: every transaction executed up to here.</summary>
    public GtidSet? GtidSet { get; init; }

    /// <summary>MariaDB: the last transaction of each replication domain up to here.</summary>
    public MariaDbGtidList? MariaDbGtids { get; init; }

    public static BinlogCheckpoint At(BinlogPosition position) => new() { Position = position };

    public static BinlogCheckpoint At(GtidSet gtidSet) => new() { GtidSet = gtidSet };

    public static BinlogCheckpoint At(MariaDbGtidList gtids) => new() { MariaDbGtids = gtids };

    /// <summary>True when the stream is started by GTID rather than by file position.</summary>
    public bool IsGtidBased => GtidSet is not null || MariaDbGtids is not null;

    public override string ToString()
    {
        var text = new StringBuilder();
        if (Position is { } position)
            text.Append(position);
        var gtids = GtidSet?.ToString() ?? MariaDbGtids?.ToString();
        if (gtids is not null)
            text.Append(text.Length > 0 ? " " : string.Empty).Append("gtid=").Append(gtids);
        return text.ToString();
    }
}
