using Sluice.Migration;

namespace Sluice.Cli.Configuration;

/// <summary>
/// A named entry under <c>loaders</c>, or an instance's inline <c>loader</c>: how the load unit imports (DM's
/// LoaderConfig). Values not given stay null so the task reader can apply DM's defaults.
/// </summary>
internal sealed record LoaderConfig
{
    /// <summary>pool-size: import connections (DM: 16; 0 also means the default, as in DM).</summary>
    public int? PoolSize { get; init; }

    /// <summary>dir: where the dump files go (DM: ./dumped_data).</summary>
    public string? Dir { get; init; }

    /// <summary>on-duplicate-logical, or its older name on-duplicate (DM: replace).</summary>
    public OnDuplicate? OnDuplicate { get; init; }

    public static LoaderConfig Read(YamlSection yaml)
    {
        var poolSize = yaml.Int("pool-size");
        var dir = yaml.String("dir");
        var importMode = yaml.String("import-mode");
        var onDuplicateLogical = yaml.String("on-duplicate-logical");
        var onDuplicate = yaml.String("on-duplicate");
        yaml.Finish(DmKeysNotActedOn.Loader);

        if (poolSize is < 0)
        {
            throw yaml.Error("pool-size", $"{poolSize} is not a connection count");
        }

        if (dir is not null && dir.Contains("://", StringComparison.Ordinal))
        {
            throw yaml.Error("dir", $"'{dir}': dumping to external storage is not supported yet; give a local directory");
        }

        // DM's "sql" and "loader" are older names of the logical import, the only one a MySQL-compatible target takes.
        switch (importMode?.ToLowerInvariant())
        {
            case null or "" or "logical" or "sql" or "loader":
                break;
            case "physical":
                throw yaml.Error("import-mode", "physical import writes TiKV files directly and is not supported; use logical");
            default:
                throw yaml.Error("import-mode", $"'{importMode}' is not an import mode; use logical");
        }

        // The current key wins over the deprecated one, as DM reads them.
        var (key, value) = !string.IsNullOrEmpty(onDuplicateLogical) ? ("on-duplicate-logical", onDuplicateLogical) : ("on-duplicate", onDuplicate);
        return new LoaderConfig
        {
            PoolSize = poolSize,
            Dir = string.IsNullOrEmpty(dir) ? null : dir,
            OnDuplicate = value?.ToLowerInvariant() switch
            {
                null or "" => null,
                "replace" => Migration.OnDuplicate.Replace,
                "error" => Migration.OnDuplicate.Error,
                "ignore" => Migration.OnDuplicate.Ignore,
                _ => throw yaml.Error(key, $"'{value}' is not one of replace, error, ignore"),
            },
        };
    }
}
