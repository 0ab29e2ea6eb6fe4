using System.Text.Json.Serialization;

namespace Sluice.Server.Tasks.Contract;

/// <summary>
/// full_migrate_conf: the dump and load units (the spec's TaskFullMigrateConf). The physical-import fields
/// (sorting_dir, disk_quota, checksum, analyze, range_concurrency, compress-kv-pairs, pd_addr, security) only
/// apply to TiDB Lightning's physical mode, which a MySQL-compatible target cannot use.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskFullMigrateConf
{
    [JsonPropertyName("export_threads")]
    public int? ExportThreads { get; init; }

    [JsonPropertyName("import_threads")]
    public int? ImportThreads { get; init; }

    [JsonPropertyName("data_dir")]
    public string? DataDir { get; init; }

    /// <summary>auto, flush, snapshot, lock or none.</summary>
    [JsonPropertyName("consistency")]
    public string? Consistency { get; init; }

    /// <summary>logical, physical or import-into.</summary>
    [JsonPropertyName("import_mode")]
    public string? ImportMode { get; init; }

    [JsonPropertyName("sorting_dir")]
    public string? SortingDir { get; init; }

    [JsonPropertyName("disk_quota")]
    public string? DiskQuota { get; init; }

    /// <summary>required, optional or off.</summary>
    [JsonPropertyName("checksum")]
    public string? Checksum { get; init; }

    /// <summary>required, optional or off.</summary>
    [JsonPropertyName("analyze")]
    public string? Analyze { get; init; }

    [JsonPropertyName("range_concurrency")]
    public int? RangeConcurrency { get; init; }

    /// <summary>Spelled with dashes in the spec, unlike its neighbours.</summary>
    [JsonPropertyName("compress-kv-pairs")]
    public string? CompressKvPairs { get; init; }

    [JsonPropertyName("pd_addr")]
    public string? PdAddr { get; init; }

    [JsonPropertyName("security")]
    public TaskSecurity? Security { get; init; }

    /// <summary>replace, error or ignore: what the logical import does with a row whose key exists.</summary>
    [JsonPropertyName("on_duplicate_logical")]
    public string? OnDuplicateLogical { get; init; }

    /// <summary>none or manual.</summary>
    [JsonPropertyName("on_duplicate_physical")]
    public string? OnDuplicatePhysical { get; init; }
}
