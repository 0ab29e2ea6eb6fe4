namespace Sluice.Migration;

/// <summary>What a full migration did for one source, and the binlog position its data is consistent with.</summary>
public sealed record SourceMigrationResult(
    string SourceId,
    string? BinlogName,
    ulong? BinlogPos,
    string? BinlogGtid,
    int Tables,
    long Rows,
    long Bytes)
{
    /// <summary>One line for operators: the position replication continues from.</summary>
    public string Describe() =>
        $"source {SourceId}: {Tables} tables, {Rows} rows, {Bytes} bytes; position {BinlogName ?? "?"}:{BinlogPos?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}" +
        (string.IsNullOrEmpty(BinlogGtid) ? string.Empty : $" gtid {BinlogGtid}");
}
