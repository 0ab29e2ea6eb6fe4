using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sluice.Server.ChangeFeeds;

/// <summary>replica_config.sink (see <see cref="ReplicaConfig"/> for which fields are acted on).</summary>
public sealed record SinkConfig
{
    /// <summary>canal-json, open-protocol, debezium, avro, simple, csv; none by default (the sink URI's protocol parameter, or the sink's own).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Protocol { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SchemaRegistry { get; init; }

    public CsvConfig? Csv { get; init; }

    public IReadOnlyList<ColumnSelectorConfig>? ColumnSelectors { get; init; }

    public IReadOnlyList<DispatchRuleConfig>? Dispatchers { get; init; }

    public int? EncoderConcurrency { get; init; }

    public string? Terminator { get; init; }

    public string? DateSeparator { get; init; }

    public bool? EnablePartitionSeparator { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? FileIndexDigit { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? EnableKafkaSinkV2 { get; init; }

    public bool? OnlyOutputUpdatedColumns { get; init; }

    public bool? DeleteOnlyOutputHandleKeyColumns { get; init; }

    public bool? ContentCompatible { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TransactionAtomicity { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? SafeMode { get; init; }

    public int? AdvanceTimeout { get; init; }

    public long? SendBootstrapIntervalInSec { get; init; }

    public int? SendBootstrapInMsgCount { get; init; }

    public bool? SendBootstrapToAllPartition { get; init; }

    public bool? DebeziumDisableSchema { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CloudStorageConfig? CloudStorageConfig { get; init; }

    public OpenProtocolConfig? Open { get; init; }

    public DebeziumConfig? Debezium { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? KafkaConfig { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? PulsarConfig { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? MysqlConfig { get; init; }
}

public sealed record CsvConfig
{
    public string? Delimiter { get; init; }

    public string? Quote { get; init; }

    public string? Null { get; init; }

    public bool? IncludeCommitTs { get; init; }

    public string? BinaryEncodingMethod { get; init; }

    public bool? OutputOldValue { get; init; }

    public bool? OutputHandleKey { get; init; }

    public bool? OutputFieldHeader { get; init; }
}

public sealed record ColumnSelectorConfig
{
    public IReadOnlyList<string>? Matcher { get; init; }

    public IReadOnlyList<string>? Columns { get; init; }
}

public sealed record DispatchRuleConfig
{
    public IReadOnlyList<string>? Matcher { get; init; }

    /// <summary>default, ts, index-value, table, columns, or a partition number.</summary>
    public string? Partition { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Topic { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Columns { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Index { get; init; }
}

public sealed record CloudStorageConfig
{
    public int? WorkerCount { get; init; }

    /// <summary>A Go duration ("5s").</summary>
    public string? FlushInterval { get; init; }

    public long? FileSize { get; init; }

    public int? FileExpirationDays { get; init; }

    public string? FileCleanupCronSpec { get; init; }

    public int? FlushConcurrency { get; init; }

    public bool? OutputRawChangeEvent { get; init; }

    public bool? OutputColumnId { get; init; }
}

public sealed record OpenProtocolConfig
{
    public bool? OutputOldValue { get; init; }
}

public sealed record DebeziumConfig
{
    public bool? OutputOldValue { get; init; }
}
