namespace Sluice.Migration.Load;

/// <summary>
/// Where a load stands. Chunks, rows and bytes count what is in the target, chunks finished by an earlier run of
/// the same task included; <see cref="BytesPerSecond"/> is this run's rate.
/// </summary>
public sealed record LoadProgress(
    int TotalTables,
    int FinishedTables,
    int TotalChunks,
    int FinishedChunks,
    long TotalRows,
    long Rows,
    long TotalBytes,
    long Bytes,
    double Percent,
    double BytesPerSecond);
