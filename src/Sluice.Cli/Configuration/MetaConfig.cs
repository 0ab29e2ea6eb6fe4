namespace Sluice.Cli.Configuration;

/// <summary>
/// An instance's <c>meta</c>: where an incremental task starts reading the binlog when the target holds no
/// checkpoint (DM's Meta). Kept for the sync unit.
/// </summary>
internal sealed record MetaConfig
{
    public string? BinlogName { get; init; }

    public long? BinlogPos { get; init; }

    public string? BinlogGtid { get; init; }

    public static MetaConfig Read(YamlSection yaml)
    {
        var config = new MetaConfig
        {
            BinlogName = yaml.String("binlog-name"),
            BinlogPos = yaml.Long("binlog-pos"),
            BinlogGtid = yaml.String("binlog-gtid"),
        };
        yaml.Finish();

        // As DM's Meta.Verify: a meta block must say where to start.
        if (string.IsNullOrEmpty(config.BinlogName) && string.IsNullOrEmpty(config.BinlogGtid))
        {
            throw yaml.Error("give binlog-name (with binlog-pos) or binlog-gtid, or leave meta out");
        }

        if (config.BinlogPos is < 0 or > uint.MaxValue)
        {
            throw yaml.Error("binlog-pos", $"{config.BinlogPos} is not a binlog position");
        }

        return config;
    }
}
