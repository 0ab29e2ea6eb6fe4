namespace Sluice.Migration.Supervision;

/// <summary>What start-task takes besides the task itself.</summary>
public sealed record StartOptions
{
    /// <summary>start_time: where an incremental task without a checkpoint starts (<see cref="MigrationTask.StartTime"/>); null keeps the task's.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>safe_mode_time_duration: how long safe mode stays on after the start; null keeps each source's own.</summary>
    public TimeSpan? SafeModeDuration { get; init; }

    /// <summary>remove_meta: forget the task's checkpoints (and its dump) first, so it starts over.</summary>
    public bool RemoveMeta { get; init; }
}
