namespace Sluice.Replication.Filtering;

/// <summary>Which group names of a rule cover a concrete <see cref="BinlogEventKind"/>.</summary>
public enum BinlogEventCategory
{
    /// <summary>A statement DM does not classify; no event name matches it.</summary>
    Unknown,

    /// <summary>Row events, covered by <c>all dml</c>.</summary>
    Dml,

    /// <summary>DDL covered by <c>all ddl</c>.</summary>
    Ddl,

    /// <summary>DDL covered by <c>all ddl</c> and by <c>incompatible ddl changes</c> (DROP, TRUNCATE, RENAME, …).</summary>
    IncompatibleDdl,
}
