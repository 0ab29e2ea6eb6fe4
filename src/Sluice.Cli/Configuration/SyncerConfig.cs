namespace Sluice.Cli.Configuration;

/// <summary>
/// A named entry under <c>syncers</c>, or an instance's inline <c>syncer</c> (DM's SyncerConfig): read and type-checked
/// now, kept for the sync unit.
/// </summary>
internal sealed record SyncerConfig
{
    public int? WorkerCount { get; init; }

    public int? Batch { get; init; }

    public int? QueueSize { get; init; }

    /// <summary>checkpoint-flush-interval in seconds.</summary>
    public int? CheckpointFlushInterval { get; init; }

    public bool? Compact { get; init; }

    public bool? MultipleRows { get; init; }

    public bool? SafeMode { get; init; }

    /// <summary>safe-mode-duration as written (a Go duration such as <c>60s</c>).</summary>
    public string? SafeModeDuration { get; init; }

    public static SyncerConfig Read(YamlSection yaml)
    {
        var config = new SyncerConfig
        {
            WorkerCount = yaml.Int("worker-count"),
            Batch = yaml.Int("batch"),
            QueueSize = yaml.Int("queue-size"),
            CheckpointFlushInterval = yaml.Int("checkpoint-flush-interval"),
            Compact = yaml.Bool("compact"),
            MultipleRows = yaml.Bool("multiple-rows"),
            SafeMode = yaml.Bool("safe-mode"),
            SafeModeDuration = yaml.String("safe-mode-duration"),
        };
        yaml.Finish(DmKeysNotActedOn.Syncer);
        return config;
    }
}
