using Sluice.Replication.Filtering;
using Sluice.Replication.Routing;

namespace Sluice.Migration;

/// <summary>
/// A data migration task as the engine takes it: plain options, validated at the edge (the CLI's DM task YAML,
/// the API's JSON task) before they get here.
/// </summary>
public sealed record MigrationTask
{
    public required string Name { get; init; }

    public TaskMode Mode { get; init; } = TaskMode.All;

    /// <summary>Schema in the target holding the checkpoint tables ({Name}_loader_checkpoint, ...).</summary>
    public string MetaSchema { get; init; } = "dm_meta";

    public bool CaseSensitive { get; init; }

    /// <summary>
    /// clean-dump-file: remove a source's dump directory once its load has finished (DM's default). Kept when false,
    /// and never removed by a task that only dumps.
    /// </summary>
    public bool CleanDumpFile { get; init; } = true;

    public required DatabaseEndpoint Target { get; init; }

    public required IReadOnlyList<SourceInstance> Sources { get; init; }

    /// <summary>
    /// start_time / start-task --start-time: an incremental task with no checkpoint starts at the first transaction
    /// the source began at or after this moment (found by binlog event timestamps) instead of at its meta.
    /// </summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>
    /// What the sync unit does instead of a DDL the target refused (dmctl's <c>binlog skip</c> and <c>binlog
    /// replace</c>): keyed by the position its error named.
    /// </summary>
    public IReadOnlyList<DdlOverride> DdlOverrides { get; init; } = [];

    /// <summary>
    /// Sync units stop at a checkpoint once they have applied the source's binlog up to where it ended when they
    /// started, instead of waiting for more: a one-off catch-up (scripted cut-overs, benchmarks).
    /// </summary>
    public bool UntilCaughtUp { get; init; }
}

/// <summary>The DDL that ends at <see cref="At"/> is skipped (<see cref="Replacement"/> null) or replaced by these statements, run as written.</summary>
public sealed record DdlOverride(Sluice.MySql.Positions.BinlogPosition At, IReadOnlyList<string>? Replacement);

/// <summary>task-mode.</summary>
public enum TaskMode
{
    All,
    Full,
    Incremental,
    Dump,
    Load,
}

/// <summary>A MySQL-compatible server to connect to.</summary>
public sealed record DatabaseEndpoint
{
    public required string Host { get; init; }

    public int Port { get; init; } = 3306;

    public required string User { get; init; }

    public string Password { get; init; } = string.Empty;

    /// <summary>A CA file (PEM) to verify the server with; null for no TLS requirement.</summary>
    public string? SslCa { get; init; }

    /// <summary>A client certificate file (PEM), for servers that require one (security.ssl-cert); null for none.</summary>
    public string? SslCert { get; init; }

    /// <summary>The private key file (PEM) of <see cref="SslCert"/> (security.ssl-key).</summary>
    public string? SslKey { get; init; }

    public override string ToString() => $"{User}@{Host}:{Port}";
}

/// <summary>One entry of mysql-instances: a source with what to take from it and how.</summary>
public sealed record SourceInstance
{
    /// <summary>source-id.</summary>
    public required string SourceId { get; init; }

    public required DatabaseEndpoint Connection { get; init; }

    /// <summary>Which schemas and tables; null migrates every non-system schema.</summary>
    public BlockAllowList? BlockAllowList { get; init; }

    public IReadOnlyList<RouteRule> Routes { get; init; } = [];

    /// <summary>filter-rules: DM's binlog event filters (which events of which tables the sync unit skips or refuses).</summary>
    public IReadOnlyList<BinlogFilterRule> Filters { get; init; } = [];

    /// <summary>expression-filters: row changes the sync unit skips by their values.</summary>
    public IReadOnlyList<ExpressionFilterRule> ExpressionFilters { get; init; } = [];

    public DumpOptions Dump { get; init; } = new();

    public LoadOptions Load { get; init; } = new();

    public SyncOptions Sync { get; init; } = new();

    /// <summary>meta: where an incremental task with no checkpoint starts; null starts at the source's current end.</summary>
    public SyncStartPoint? Meta { get; init; }
}

/// <summary>syncers config (incr_migrate_conf on the API).</summary>
public sealed record SyncOptions
{
    /// <summary>repl_threads / worker-count: connections applying changes in parallel.</summary>
    public int Threads { get; init; } = 16;

    /// <summary>repl_batch / batch: row changes per statement batch and target transaction.</summary>
    public int Batch { get; init; } = 100;

    /// <summary>safe-mode: always apply idempotently (INSERT as REPLACE, UPDATE as DELETE + REPLACE).</summary>
    public bool SafeMode { get; init; }

    /// <summary>
    /// safe-mode-duration: how long safe mode stays on after a (re)start whose previous run's reach is unknown.
    /// DM's default is twice the checkpoint flush interval; one minute here, as DM's documentation states it.
    /// </summary>
    public TimeSpan SafeModeDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>checkpoint-flush-interval: the longest time between two checkpoint flushes.</summary>
    public TimeSpan CheckpointFlushInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// multiple-rows: several UPDATEs of a table with one unique key in one INSERT … ON DUPLICATE KEY UPDATE;
    /// false keeps one statement per updated row (inserted and deleted rows are written several to a statement either way).
    /// </summary>
    public bool MultipleRows { get; init; } = true;

    /// <summary>compact: several changes to one key inside a batch merged into one where that is safe.</summary>
    public bool Compact { get; init; }
}

/// <summary>A binlog point given by the task (meta: binlog-name, binlog-pos, binlog-gtid).</summary>
public sealed record SyncStartPoint
{
    public string? BinlogName { get; init; }

    public ulong BinlogPos { get; init; } = 4;

    /// <summary>The GTID set to start after; preferred over the file position when the source has GTIDs on.</summary>
    public string? BinlogGtid { get; init; }
}

/// <summary>mydumpers config (full_migrate_conf on the API).</summary>
public sealed record DumpOptions
{
    /// <summary>export_threads / mydumper threads.</summary>
    public int Threads { get; init; } = 4;

    public Consistency Consistency { get; init; } = Consistency.Auto;

    /// <summary>Rows per chunk (mydumper's rows); 0 picks a size.</summary>
    public long ChunkRows { get; init; }

    /// <summary>
    /// chunk-filesize in bytes: a chunk's data file is closed once it passes about this size and the rows that follow
    /// go to the next chunk; 0 leaves the split to <see cref="ChunkRows"/>. DM's default is 64 MiB.
    /// </summary>
    public long ChunkFileSize { get; init; }

    /// <summary>Directory for the dump files (the loader's dir); each source writes under its own subdirectory.</summary>
    public string DataDir { get; init; } = "./dumped_data";
}

/// <summary>loaders config.</summary>
public sealed record LoadOptions
{
    /// <summary>import_threads / loader pool-size.</summary>
    public int Threads { get; init; } = 4;

    public OnDuplicate OnDuplicate { get; init; } = OnDuplicate.Replace;
}

/// <summary>How the dump is made consistent (mydumper/DM consistency).</summary>
public enum Consistency
{
    Auto,
    Flush,
    Snapshot,
    Lock,
    None,
}

/// <summary>What the load does with a row whose key already exists in the target.</summary>
public enum OnDuplicate
{
    Replace,
    Error,
    Ignore,
}
