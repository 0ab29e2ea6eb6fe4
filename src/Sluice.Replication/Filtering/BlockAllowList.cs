namespace Sluice.Replication.Filtering;

/// <summary>
/// DM's block-allow list (formerly black-white list): which schemas and tables a task migrates. Names are
/// wildcards (<c>*</c>, <c>?</c>), or regular expressions when they start with <c>~</c>.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-block-allow-table-lists</remarks>
public sealed record BlockAllowList
{
    public IReadOnlyList<string> DoDbs { get; init; } = [];

    public IReadOnlyList<TablePattern> DoTables { get; init; } = [];

    public IReadOnlyList<string> IgnoreDbs { get; init; } = [];

    public IReadOnlyList<TablePattern> IgnoreTables { get; init; } = [];
}

/// <summary>A <c>{db-name, tbl-name}</c> entry of do-tables or ignore-tables.</summary>
public sealed record TablePattern(string DbName, string TblName);
