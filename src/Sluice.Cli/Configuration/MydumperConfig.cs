namespace Sluice.Cli.Configuration;

/// <summary>
/// A named entry under <c>mydumpers</c>, or an instance's inline <c>mydumper</c>: how the dump unit exports
/// (DM's MydumperConfig). Values not given stay null so the task reader can apply DM's defaults.
/// </summary>
internal sealed record MydumperConfig
{
    /// <summary>threads: export connections (DM: 4).</summary>
    public int? Threads { get; init; }

    /// <summary>chunk-filesize in bytes (DM: 64 MiB); a bare number in the file is MiB.</summary>
    public long? ChunkFileSize { get; init; }

    /// <summary>rows: split a table into chunks of this many rows.</summary>
    public long? Rows { get; init; }

    /// <summary>extra-args as written.</summary>
    public string? ExtraArgs { get; init; }

    /// <summary>What Sluice takes from <see cref="ExtraArgs"/>.</summary>
    public DumplingArgs Dumpling { get; init; } = new();

    public static MydumperConfig Read(YamlSection yaml)
    {
        var threads = yaml.Int("threads");
        var chunkFileSize = yaml.String("chunk-filesize");
        var rows = yaml.Long("rows");
        var where = yaml.String("where");
        var extraArgs = yaml.String("extra-args");
        yaml.Finish(DmKeysNotActedOn.Mydumper);

        if (threads is < 1)
        {
            throw yaml.Error("threads", $"{threads} threads: the dump needs at least 1");
        }

        if (rows is < 0)
        {
            throw yaml.Error("rows", $"{rows} is not a row count");
        }

        if (!string.IsNullOrWhiteSpace(where))
        {
            // Ignoring it would dump every row, not the ones the user chose.
            throw yaml.Error("where", "dumping only the rows that match a condition is not supported yet");
        }

        long? size = null;
        if (!string.IsNullOrEmpty(chunkFileSize))
        {
            size = ByteSize.TryParse(chunkFileSize, out var bytes)
                ? bytes
                : throw yaml.Error("chunk-filesize", $"'{chunkFileSize}' is not a size; give MiB (64) or a size with a unit (256MiB)");
        }

        return new MydumperConfig
        {
            Threads = threads,
            ChunkFileSize = size,
            Rows = rows,
            ExtraArgs = extraArgs,
            Dumpling = string.IsNullOrWhiteSpace(extraArgs)
                ? new DumplingArgs()
                : DumplingArgs.Parse(extraArgs, problem => yaml.Error("extra-args", problem)),
        };
    }
}
