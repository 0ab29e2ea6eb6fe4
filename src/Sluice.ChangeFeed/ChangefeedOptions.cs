using Sluice.ChangeFeed.Codecs;

namespace Sluice.ChangeFeed;

/// <summary>
/// What a changefeed does with the changes it reads: the parts of TiCDC's replica_config the engine acts on, as
/// plain values (the server maps the API's JSON to these and keeps the rest as written).
/// </summary>
public sealed record ChangefeedOptions
{
    /// <summary>Whether filter rules and matchers compare schema and table names with case (TiCDC default false).</summary>
    public bool CaseSensitive { get; init; }

    /// <summary>filter.rules in TiDB's table-filter syntax (<c>db*.tbl</c>, <c>!db.secret</c>); TiCDC's default is <c>*.*</c>.</summary>
    public IReadOnlyList<string> FilterRules { get; init; } = ["*.*"];

    /// <summary>filter.ignore_txn_start_ts: transactions with these start TSOs are left out.</summary>
    public IReadOnlyList<ulong> IgnoreTxnStartTs { get; init; } = [];

    public IReadOnlyList<EventFilterRule> EventFilters { get; init; } = [];

    public IReadOnlyList<ColumnSelectorRule> ColumnSelectors { get; init; } = [];

    public IReadOnlyList<DispatchRule> Dispatchers { get; init; } = [];

    /// <summary>sink.protocol (canal-json, open-protocol, debezium, avro, simple, csv); null for the sink's default.</summary>
    public string? Protocol { get; init; }

    public EncoderOptions Encoder { get; init; } = new();

    public StorageOptions Storage { get; init; } = new();

    /// <summary>Bytes of changes held between the reader and the sink before the reader waits (TiCDC default 1 GiB).</summary>
    public long MemoryQuota { get; init; } = 1L << 30;

    /// <summary>Replicate tables without a primary or NOT NULL unique key too.</summary>
    public bool ForceReplicate { get; init; }

    /// <summary>Leave out tables that cannot be replicated instead of refusing the changefeed.</summary>
    public bool IgnoreIneligibleTable { get; init; }
}

/// <summary>One of filter.event_filters: for the tables its matcher selects, which events and rows to leave out.</summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-filter</remarks>
public sealed record EventFilterRule
{
    public IReadOnlyList<string> Matcher { get; init; } = [];

    /// <summary>Event names: all dml, all ddl, insert, update, delete, create table, drop table, …</summary>
    public IReadOnlyList<string> IgnoreEvent { get; init; } = [];

    /// <summary>Regular expressions; a DDL whose text matches one is left out.</summary>
    public IReadOnlyList<string> IgnoreSql { get; init; } = [];

    public string? IgnoreInsertValueExpr { get; init; }

    public string? IgnoreUpdateNewValueExpr { get; init; }

    public string? IgnoreUpdateOldValueExpr { get; init; }

    public string? IgnoreDeleteValueExpr { get; init; }
}

/// <summary>One of sink.column_selectors: the columns (patterns with * and ?, <c>!</c> to exclude) kept for the matched tables.</summary>
public sealed record ColumnSelectorRule(IReadOnlyList<string> Matcher, IReadOnlyList<string> Columns);

/// <summary>One of sink.dispatchers: the topic and partition of the matched tables' messages.</summary>
/// <param name="Matcher">Table-filter patterns.</param>
/// <param name="Partition">default, ts, index-value, table, columns (or a number: a fixed partition).</param>
/// <param name="Topic">A topic expression with {schema} and {table}; null keeps the sink URI's topic.</param>
/// <param name="Columns">For the columns dispatcher: the columns whose values pick the partition.</param>
/// <param name="Index">For index-value: the index whose columns pick the partition; null for the handle key.</param>
public sealed record DispatchRule(IReadOnlyList<string> Matcher, string? Partition, string? Topic, IReadOnlyList<string>? Columns = null, string? Index = null);

/// <summary>The storage sink's layout settings (replica_config.sink and cloud_storage_config, or the URI's parameters).</summary>
public sealed record StorageOptions
{
    /// <summary>none, year, month, day.</summary>
    public string DateSeparator { get; init; } = "day";

    public bool EnablePartitionSeparator { get; init; } = true;

    /// <summary>Line terminator; TiCDC's default is CRLF.</summary>
    public string Terminator { get; init; } = "\r\n";

    /// <summary>A data file is closed when it reaches this many bytes.</summary>
    public long FileSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>Buffered changes are written at least this often.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(5);
}
