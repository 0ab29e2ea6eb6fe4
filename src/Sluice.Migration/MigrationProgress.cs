namespace Sluice.Migration;

/// <summary>Where one source of a full migration stands: the unit running (Dump or Load, DM's names) and its numbers.</summary>
public sealed record MigrationProgress(
    string SourceId,
    string Unit,
    int TotalTables,
    int FinishedTables,
    long Rows,
    long Bytes,
    double Percent,
    double BytesPerSecond)
{
    /// <summary>Dump: the tables' row estimates (information_schema), DM's estimate_total_rows; 0 for a load.</summary>
    public long EstimatedRows { get; init; }

    /// <summary>Load: the bytes of the whole dump, DM's total_bytes; 0 for a dump.</summary>
    public long TotalBytes { get; init; }

    /// <summary>Load: the dump's binlog position as DM shows it, <c>(file, pos)</c>; empty when not known yet.</summary>
    public string MetaBinlog { get; init; } = string.Empty;

    /// <summary>Load: the GTID set of the dump's position; empty when none.</summary>
    public string MetaBinlogGtid { get; init; } = string.Empty;
}
