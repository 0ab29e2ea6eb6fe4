namespace Sluice.ChangeFeed;

/// <summary>How a run of a changefeed ended without error.</summary>
public enum ChangefeedOutcome
{
    /// <summary>Cancelled (paused, removed, server stopping): the checkpoint stands where the sink acknowledged.</summary>
    Stopped,

    /// <summary>target_ts reached: everything up to it is acknowledged.</summary>
    Finished,
}
