namespace Sluice.Cli.Configuration;

/// <summary>
/// The keys DM's task and source files may hold that Sluice accepts but does not act on yet, section by section, so
/// that a file written for DM reads without edits. Keys outside these sets and outside what the readers use are
/// refused as unknown, as DM refuses them.
/// </summary>
/// <remarks>
/// Not in these sets, on purpose: DM keys that would change which data is migrated if they were ignored
/// (<c>mydumpers.*.where</c>, table-selecting <c>extra-args</c>, <c>routes.*.extract-*</c>, <c>import-mode: physical</c>,
/// inline certificate contents). The readers refuse those with a message saying they are not supported yet.
/// Task file: https://docs.pingcap.com/tidb/stable/task-configuration-file-full;
/// source file: https://docs.pingcap.com/tidb/stable/dm-source-configuration-file.
/// </remarks>
internal static class DmKeysNotActedOn
{
    /// <summary>Top level of the task file: shard DDL coordination, online DDL, heartbeat, prechecks, validation and TiDB-only options.</summary>
    public static readonly IReadOnlySet<string> Task = new HashSet<string>(StringComparer.Ordinal)
    {
        "shard-mode", "is-sharding", "strict-optimistic-shard-mode", "ignore-checking-items", "timezone",
        "collation_compatible", "mariadb2tidb", "online-ddl", "online-ddl-scheme", "shadow-table-rules",
        "trash-table-rules", "enable-heartbeat", "heartbeat-update-interval", "heartbeat-report-interval",
        "remove-meta", "ansi-quotes", "experimental", "column-mappings", "validators",
    };

    /// <summary>target-database, an instance's from and a source file's from: session variables and the deprecated packet limit.</summary>
    public static readonly IReadOnlySet<string> Database = new HashSet<string>(StringComparer.Ordinal)
    {
        "max-allowed-packet", "session",
    };

    /// <summary>security: the certificate CN allow-list only applies to DM's own servers.</summary>
    public static readonly IReadOnlySet<string> Security = new HashSet<string>(StringComparer.Ordinal)
    {
        "cert-allowed-cn",
    };

    /// <summary>mysql-instances entries: deprecated column mapping and continuous validation.</summary>
    public static readonly IReadOnlySet<string> Instance = new HashSet<string>(StringComparer.Ordinal)
    {
        "column-mapping-rules", "validator-config-name",
    };

    /// <summary>mydumpers entries: the mydumper binary path, tz handling and INSERT statement size of DM's external dumper.</summary>
    public static readonly IReadOnlySet<string> Mydumper = new HashSet<string>(StringComparer.Ordinal)
    {
        "mydumper-path", "skip-tz-utc", "statement-size",
    };

    /// <summary>loaders entries: options of TiDB Lightning's physical import, which a MySQL/MariaDB target cannot use.</summary>
    public static readonly IReadOnlySet<string> Loader = new HashSet<string>(StringComparer.Ordinal)
    {
        "on-duplicate-physical", "sorting-dir-physical", "disk-quota-physical", "checksum-physical", "analyze",
        "range-concurrency", "compress-kv-pairs", "pd-addr",
    };

    /// <summary>syncers entries: options DM itself marks deprecated.</summary>
    public static readonly IReadOnlySet<string> Syncer = new HashSet<string>(StringComparer.Ordinal)
    {
        "meta-file", "max-retry", "auto-fix-gtid", "enable-gtid", "disable-detect", "enable-ansi-quotes",
    };

    /// <summary>Source file: relay log housekeeping, the task status checker and deprecated options.</summary>
    public static readonly IReadOnlySet<string> Source = new HashSet<string>(StringComparer.Ordinal)
    {
        "enable", "auto-fix-gtid", "relay-dir", "meta-dir", "charset", "purge", "checker", "tracer",
    };

    /// <summary>
    /// dumpling arguments in <c>extra-args</c> that only tune how the export runs (statement size, views, escaping,
    /// TLS files already given under security), mapped to whether they take a value.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, bool> ExtraArgs = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["--statement-size"] = true, ["-s"] = true,
        ["--no-views"] = false, ["-W"] = false,
        ["--escape-backslash"] = false,
        ["--transactional-consistency"] = false,
        ["--ca"] = true, ["--cert"] = true, ["--key"] = true,
    };
}
