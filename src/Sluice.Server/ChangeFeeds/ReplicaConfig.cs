using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// TiCDC's replica_config as the API takes and returns it (https://docs.pingcap.com/tidb/stable/ticdc-open-api-v2).
/// Every field is optional on input; what is stored and returned has TiCDC's defaults filled in
/// (<see cref="ReplicaConfigDefaults"/>). What the engine acts on is mapped by <see cref="ReplicaConfigMapping"/>;
/// the rest is kept and returned as given:
/// bdr_mode, check_gc_safe_point, enable_old_value, enable_sync_point, enable_table_monitor, sync_point_interval,
/// sync_point_retention, sql_mode, mounter, consistent (redo log), scheduler, integrity, synced_status, and in sink:
/// encoder_concurrency, transaction_atomicity, file_index_digit, enable_kafka_sink_v2,
/// delete_only_output_handle_key_columns, content_compatible, safe_mode, advance_timeout, send_bootstrap_*,
/// debezium_disable_schema, kafka_config, pulsar_config, mysql_config, csv.output_handle_key and cloud_storage_config
/// but for file_size and flush_interval.
/// </summary>
public sealed record ReplicaConfig
{
    public ulong? MemoryQuota { get; init; }

    public bool? CaseSensitive { get; init; }

    public bool? ForceReplicate { get; init; }

    public bool? IgnoreIneligibleTable { get; init; }

    public bool? CheckGcSafePoint { get; init; }

    public bool? EnableSyncPoint { get; init; }

    public bool? EnableTableMonitor { get; init; }

    public bool? BdrMode { get; init; }

    public bool? EnableOldValue { get; init; }

    /// <summary>Given as a Go duration ("10m") or nanoseconds; returned in nanoseconds, as the doc says.</summary>
    [JsonConverter(typeof(NanosecondsConverter))]
    public long? SyncPointInterval { get; init; }

    [JsonConverter(typeof(NanosecondsConverter))]
    public long? SyncPointRetention { get; init; }

    public string? SqlMode { get; init; }

    public FilterConfig? Filter { get; init; }

    public MounterConfig? Mounter { get; init; }

    public SinkConfig? Sink { get; init; }

    public ConsistentConfig? Consistent { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Scheduler { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Integrity { get; init; }

    /// <summary>How long retryable errors may go on without progress before the changefeed fails (nanoseconds; 30 min).</summary>
    [JsonConverter(typeof(NanosecondsConverter))]
    public long? ChangefeedErrorStuckDuration { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? SyncedStatus { get; init; }
}

public sealed record FilterConfig
{
    public IReadOnlyList<string>? Rules { get; init; }

    public IReadOnlyList<ulong>? IgnoreTxnStartTs { get; init; }

    public IReadOnlyList<EventFilterConfig>? EventFilters { get; init; }
}

public sealed record EventFilterConfig
{
    public IReadOnlyList<string>? Matcher { get; init; }

    public IReadOnlyList<string>? IgnoreEvent { get; init; }

    public IReadOnlyList<string>? IgnoreSql { get; init; }

    public string? IgnoreInsertValueExpr { get; init; }

    public string? IgnoreUpdateNewValueExpr { get; init; }

    public string? IgnoreUpdateOldValueExpr { get; init; }

    public string? IgnoreDeleteValueExpr { get; init; }
}

public sealed record MounterConfig
{
    public int? WorkerNum { get; init; }
}

public sealed record ConsistentConfig
{
    public string? Level { get; init; }

    public long? MaxLogSize { get; init; }

    public long? FlushInterval { get; init; }

    public long? MetaFlushInterval { get; init; }

    public int? EncodingWorkerNum { get; init; }

    public int? FlushWorkerNum { get; init; }

    public string? Storage { get; init; }

    public bool? UseFileBackend { get; init; }

    public string? Compression { get; init; }

    public int? FlushConcurrency { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? MemoryUsage { get; init; }
}
