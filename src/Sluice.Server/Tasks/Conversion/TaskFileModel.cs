using YamlDotNet.Serialization;

namespace Sluice.Server.Tasks.Conversion;

// DM's task file (https://docs.pingcap.com/tidb/stable/task-configuration-file-full) as YamlDotNet reads and writes
// it: the keys the CLI's task reader accepts, and no others, so that an unknown key fails with its line. Keys that
// Sluice accepts without acting on them are typed object: any value reads, and they are not carried into the task.
// Properties are settable because YamlDotNet fills them by reflection; the model never leaves this folder.
#pragma warning disable CA2227 // Collection setters: YamlDotNet assigns the collections it reads.

internal sealed class TaskFileModel
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "task-mode")] public string? TaskMode { get; set; }
    [YamlMember(Alias = "shard-mode")] public string? ShardMode { get; set; }
    [YamlMember(Alias = "is-sharding")] public bool? IsSharding { get; set; }
    [YamlMember(Alias = "strict-optimistic-shard-mode")] public bool? StrictOptimisticShardMode { get; set; }
    [YamlMember(Alias = "meta-schema")] public string? MetaSchema { get; set; }
    [YamlMember(Alias = "timezone")] public string? Timezone { get; set; }
    [YamlMember(Alias = "case-sensitive")] public bool? CaseSensitive { get; set; }
    [YamlMember(Alias = "clean-dump-file")] public bool? CleanDumpFile { get; set; }
    [YamlMember(Alias = "online-ddl")] public bool? OnlineDdl { get; set; }
    [YamlMember(Alias = "ignore-checking-items")] public List<string>? IgnoreCheckingItems { get; set; }
    [YamlMember(Alias = "target-database")] public DatabaseModel? TargetDatabase { get; set; }
    [YamlMember(Alias = "mysql-instances")] public List<InstanceModel>? MySqlInstances { get; set; }
    [YamlMember(Alias = "block-allow-list")] public Dictionary<string, BlockAllowListModel?>? BlockAllowList { get; set; }
    [YamlMember(Alias = "black-white-list")] public Dictionary<string, BlockAllowListModel?>? BlackWhiteList { get; set; }
    [YamlMember(Alias = "routes")] public Dictionary<string, RouteModel?>? Routes { get; set; }
    [YamlMember(Alias = "filters")] public Dictionary<string, FilterModel?>? Filters { get; set; }
    [YamlMember(Alias = "expression-filter")] public Dictionary<string, object?>? ExpressionFilter { get; set; }
    [YamlMember(Alias = "mydumpers")] public Dictionary<string, MydumperModel?>? Mydumpers { get; set; }
    [YamlMember(Alias = "loaders")] public Dictionary<string, LoaderModel?>? Loaders { get; set; }
    [YamlMember(Alias = "syncers")] public Dictionary<string, SyncerModel?>? Syncers { get; set; }

    // Accepted and not acted on (the CLI's DmKeysNotActedOn.Task).
    [YamlMember(Alias = "collation_compatible")] public object? CollationCompatible { get; set; }
    [YamlMember(Alias = "mariadb2tidb")] public object? MariaDbToTidb { get; set; }
    [YamlMember(Alias = "online-ddl-scheme")] public object? OnlineDdlScheme { get; set; }
    [YamlMember(Alias = "shadow-table-rules")] public object? ShadowTableRules { get; set; }
    [YamlMember(Alias = "trash-table-rules")] public object? TrashTableRules { get; set; }
    [YamlMember(Alias = "enable-heartbeat")] public object? EnableHeartbeat { get; set; }
    [YamlMember(Alias = "heartbeat-update-interval")] public object? HeartbeatUpdateInterval { get; set; }
    [YamlMember(Alias = "heartbeat-report-interval")] public object? HeartbeatReportInterval { get; set; }
    [YamlMember(Alias = "remove-meta")] public object? RemoveMeta { get; set; }
    [YamlMember(Alias = "ansi-quotes")] public object? AnsiQuotes { get; set; }
    [YamlMember(Alias = "experimental")] public object? Experimental { get; set; }
    [YamlMember(Alias = "column-mappings")] public object? ColumnMappings { get; set; }
    [YamlMember(Alias = "validators")] public object? Validators { get; set; }
}

internal sealed class DatabaseModel
{
    [YamlMember(Alias = "host")] public string? Host { get; set; }
    [YamlMember(Alias = "port")] public int? Port { get; set; }
    [YamlMember(Alias = "user")] public string? User { get; set; }
    [YamlMember(Alias = "password")] public string? Password { get; set; }
    [YamlMember(Alias = "security")] public SecurityModel? Security { get; set; }
    [YamlMember(Alias = "session")] public Dictionary<string, string?>? Session { get; set; }
    [YamlMember(Alias = "max-allowed-packet")] public object? MaxAllowedPacket { get; set; }
}

internal sealed class SecurityModel
{
    [YamlMember(Alias = "ssl-ca")] public string? SslCa { get; set; }
    [YamlMember(Alias = "ssl-cert")] public string? SslCert { get; set; }
    [YamlMember(Alias = "ssl-key")] public string? SslKey { get; set; }
    [YamlMember(Alias = "cert-allowed-cn")] public List<string>? CertAllowedCn { get; set; }
}

internal sealed class InstanceModel
{
    [YamlMember(Alias = "source-id")] public string? SourceId { get; set; }
    [YamlMember(Alias = "from")] public object? From { get; set; }
    [YamlMember(Alias = "meta")] public MetaModel? Meta { get; set; }
    [YamlMember(Alias = "block-allow-list")] public string? BlockAllowList { get; set; }
    [YamlMember(Alias = "black-white-list")] public string? BlackWhiteList { get; set; }
    [YamlMember(Alias = "route-rules")] public List<string>? RouteRules { get; set; }
    [YamlMember(Alias = "filter-rules")] public List<string>? FilterRules { get; set; }
    [YamlMember(Alias = "expression-filters")] public List<string>? ExpressionFilters { get; set; }
    [YamlMember(Alias = "mydumper-config-name")] public string? MydumperConfigName { get; set; }
    [YamlMember(Alias = "mydumper")] public MydumperModel? Mydumper { get; set; }
    [YamlMember(Alias = "mydumper-thread")] public int? MydumperThread { get; set; }
    [YamlMember(Alias = "loader-config-name")] public string? LoaderConfigName { get; set; }
    [YamlMember(Alias = "loader")] public LoaderModel? Loader { get; set; }
    [YamlMember(Alias = "loader-thread")] public int? LoaderThread { get; set; }
    [YamlMember(Alias = "syncer-config-name")] public string? SyncerConfigName { get; set; }
    [YamlMember(Alias = "syncer")] public SyncerModel? Syncer { get; set; }
    [YamlMember(Alias = "syncer-thread")] public int? SyncerThread { get; set; }
    [YamlMember(Alias = "column-mapping-rules")] public object? ColumnMappingRules { get; set; }
    [YamlMember(Alias = "validator-config-name")] public object? ValidatorConfigName { get; set; }
}

internal sealed class MetaModel
{
    [YamlMember(Alias = "binlog-name")] public string? BinlogName { get; set; }
    [YamlMember(Alias = "binlog-pos")] public long? BinlogPos { get; set; }
    [YamlMember(Alias = "binlog-gtid")] public string? BinlogGtid { get; set; }
}

internal sealed class BlockAllowListModel
{
    [YamlMember(Alias = "do-dbs")] public List<string>? DoDbs { get; set; }
    [YamlMember(Alias = "do-tables")] public List<TableModel>? DoTables { get; set; }
    [YamlMember(Alias = "ignore-dbs")] public List<string>? IgnoreDbs { get; set; }
    [YamlMember(Alias = "ignore-tables")] public List<TableModel>? IgnoreTables { get; set; }
}

internal sealed class TableModel
{
    [YamlMember(Alias = "db-name")] public string? DbName { get; set; }
    [YamlMember(Alias = "tbl-name")] public string? TblName { get; set; }
}

internal sealed class RouteModel
{
    [YamlMember(Alias = "schema-pattern")] public string? SchemaPattern { get; set; }
    [YamlMember(Alias = "table-pattern")] public string? TablePattern { get; set; }
    [YamlMember(Alias = "target-schema")] public string? TargetSchema { get; set; }
    [YamlMember(Alias = "target-table")] public string? TargetTable { get; set; }
    [YamlMember(Alias = "extract-table")] public object? ExtractTable { get; set; }
    [YamlMember(Alias = "extract-schema")] public object? ExtractSchema { get; set; }
    [YamlMember(Alias = "extract-source")] public object? ExtractSource { get; set; }
}

internal sealed class FilterModel
{
    [YamlMember(Alias = "schema-pattern")] public string? SchemaPattern { get; set; }
    [YamlMember(Alias = "table-pattern")] public string? TablePattern { get; set; }
    [YamlMember(Alias = "events")] public List<string>? Events { get; set; }
    [YamlMember(Alias = "sql-pattern")] public List<string>? SqlPattern { get; set; }
    [YamlMember(Alias = "action")] public string? Action { get; set; }
}

internal sealed class MydumperModel
{
    [YamlMember(Alias = "threads")] public int? Threads { get; set; }
    [YamlMember(Alias = "chunk-filesize")] public string? ChunkFileSize { get; set; }
    [YamlMember(Alias = "rows")] public long? Rows { get; set; }
    [YamlMember(Alias = "where")] public string? Where { get; set; }
    [YamlMember(Alias = "extra-args")] public string? ExtraArgs { get; set; }
    [YamlMember(Alias = "mydumper-path")] public object? MydumperPath { get; set; }
    [YamlMember(Alias = "skip-tz-utc")] public object? SkipTzUtc { get; set; }
    [YamlMember(Alias = "statement-size")] public object? StatementSize { get; set; }
}

internal sealed class LoaderModel
{
    [YamlMember(Alias = "pool-size")] public int? PoolSize { get; set; }
    [YamlMember(Alias = "dir")] public string? Dir { get; set; }
    [YamlMember(Alias = "import-mode")] public string? ImportMode { get; set; }
    [YamlMember(Alias = "on-duplicate-logical")] public string? OnDuplicateLogical { get; set; }
    [YamlMember(Alias = "on-duplicate")] public string? OnDuplicate { get; set; }
    [YamlMember(Alias = "on-duplicate-physical")] public string? OnDuplicatePhysical { get; set; }
    [YamlMember(Alias = "sorting-dir-physical")] public string? SortingDirPhysical { get; set; }
    [YamlMember(Alias = "disk-quota-physical")] public string? DiskQuotaPhysical { get; set; }
    [YamlMember(Alias = "checksum-physical")] public string? ChecksumPhysical { get; set; }
    [YamlMember(Alias = "analyze")] public string? Analyze { get; set; }
    [YamlMember(Alias = "range-concurrency")] public int? RangeConcurrency { get; set; }
    [YamlMember(Alias = "compress-kv-pairs")] public string? CompressKvPairs { get; set; }
    [YamlMember(Alias = "pd-addr")] public string? PdAddr { get; set; }
}

internal sealed class SyncerModel
{
    [YamlMember(Alias = "worker-count")] public int? WorkerCount { get; set; }
    [YamlMember(Alias = "batch")] public int? Batch { get; set; }
    [YamlMember(Alias = "safe-mode")] public bool? SafeMode { get; set; }
    [YamlMember(Alias = "queue-size")] public object? QueueSize { get; set; }
    [YamlMember(Alias = "checkpoint-flush-interval")] public int? CheckpointFlushInterval { get; set; }
    [YamlMember(Alias = "compact")] public bool? Compact { get; set; }
    [YamlMember(Alias = "multiple-rows")] public bool? MultipleRows { get; set; }
    [YamlMember(Alias = "safe-mode-duration")] public string? SafeModeDuration { get; set; }
    [YamlMember(Alias = "meta-file")] public object? MetaFile { get; set; }
    [YamlMember(Alias = "max-retry")] public object? MaxRetry { get; set; }
    [YamlMember(Alias = "auto-fix-gtid")] public object? AutoFixGtid { get; set; }
    [YamlMember(Alias = "enable-gtid")] public object? EnableGtid { get; set; }
    [YamlMember(Alias = "disable-detect")] public object? DisableDetect { get; set; }
    [YamlMember(Alias = "enable-ansi-quotes")] public object? EnableAnsiQuotes { get; set; }
}
