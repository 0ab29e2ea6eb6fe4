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
    double BytesPerSecond);
