namespace Sluice.Cli.Configuration;

/// <summary>Reads DM source files (source.yaml) into <see cref="SourceFile"/>s.</summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-source-configuration-file</remarks>
internal static class SourceFileReader
{
    /// <summary>DM's limit on a source-id's length (MaxSourceIDLength).</summary>
    public const int MaxSourceIdLength = 32;

    /// <param name="yaml">The source file's text.</param>
    /// <param name="origin">The file's name, for messages; null when it has none.</param>
    /// <exception cref="TaskConfigException">The file is not a usable DM source file.</exception>
    public static SourceFile Read(string yaml, string? origin = null)
    {
        var root = YamlSection.LoadDocument(yaml, origin);
        var sourceId = root.String("source-id");
        var from = root.Section("from") is { } section ? DbConfig.Read(section) : null;
        var enableGtid = root.Bool("enable-gtid");
        var enableRelay = root.Bool("enable-relay");
        var relayBinlogName = root.String("relay-binlog-name");
        var relayBinlogGtid = root.String("relay-binlog-gtid");
        var flavor = root.String("flavor");
        var serverId = root.Long("server-id");
        var caseSensitive = root.Bool("case-sensitive");
        var filters = root.SectionList("filters")?.Select(FilterRuleConfig.Read).ToList() ?? [];
        root.Finish(DmKeysNotActedOn.Source);

        CheckSourceId(root, "source-id", sourceId);
        if (from is null)
        {
            throw root.Error("from", "missing: a source file says how to connect to the server (host, port, user, password)");
        }

        if (flavor is { Length: > 0 } && !flavor.Equals("mysql", StringComparison.OrdinalIgnoreCase) && !flavor.Equals("mariadb", StringComparison.OrdinalIgnoreCase))
        {
            throw root.Error("flavor", $"'{flavor}' is not a flavor; use mysql or mariadb, or leave it out to detect it");
        }

        if (serverId is < 0 or > uint.MaxValue)
        {
            throw root.Error("server-id", $"{serverId} is not a server id (0 to {uint.MaxValue})");
        }

        return new SourceFile
        {
            SourceId = sourceId!,
            Connection = from.ToEndpoint(),
            EnableGtid = enableGtid ?? false,
            EnableRelay = enableRelay ?? false,
            RelayBinlogName = string.IsNullOrEmpty(relayBinlogName) ? null : relayBinlogName,
            RelayBinlogGtid = string.IsNullOrEmpty(relayBinlogGtid) ? null : relayBinlogGtid,
            Flavor = string.IsNullOrEmpty(flavor) ? null : flavor.ToLowerInvariant(),
            ServerId = serverId is null or 0 ? null : (uint)serverId,
            CaseSensitive = caseSensitive ?? false,
            Filters = filters,
        };
    }

    /// <summary>Reads several source files, keyed by source-id; two files with one source-id are an error.</summary>
    /// <param name="files">Each file's name (for messages) and text.</param>
    public static IReadOnlyDictionary<string, SourceFile> ReadAll(IEnumerable<(string Origin, string Yaml)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sources = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (origin, yaml) in files)
        {
            var source = Read(yaml, origin);
            if (!origins.TryAdd(source.SourceId, origin))
            {
                throw new TaskConfigException(origin, "source-id", 0, $"source-id '{source.SourceId}' is also the source-id of {origins[source.SourceId]}");
            }

            sources.Add(source.SourceId, source);
        }

        return sources;
    }

    /// <summary>source-id is required and at most 32 characters, as in DM.</summary>
    internal static void CheckSourceId(YamlSection yaml, string key, string? sourceId)
    {
        if (string.IsNullOrEmpty(sourceId))
        {
            throw yaml.Error(key, "missing: every source has a source-id");
        }

        if (sourceId.Length > MaxSourceIdLength)
        {
            throw yaml.Error(key, $"'{sourceId}' is longer than {MaxSourceIdLength} characters");
        }
    }
}
