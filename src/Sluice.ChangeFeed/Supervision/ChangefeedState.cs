namespace Sluice.ChangeFeed.Supervision;

/// <summary>
/// A changefeed's state in TiCDC's words (the API shows them in lower case). Normal runs; Warning runs again after a
/// retryable error and has not moved its checkpoint since; Pending waits out the backoff before the next try; Failed
/// stays until resumed; Stopped was paused by the user; Finished reached target_ts; Removed is gone.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-changefeed-overview#changefeed-state-transfer</remarks>
public enum ChangefeedState
{
    Normal,
    Stopped,
    Warning,
    Pending,
    Failed,
    Finished,
    Removed,
}

public static class ChangefeedStates
{
    /// <summary>The state as TiCDC writes it: normal, stopped, warning, pending, failed, finished, removed.</summary>
    public static string ToApiName(this ChangefeedState state) => state switch
    {
        ChangefeedState.Normal => "normal",
        ChangefeedState.Stopped => "stopped",
        ChangefeedState.Warning => "warning",
        ChangefeedState.Pending => "pending",
        ChangefeedState.Failed => "failed",
        ChangefeedState.Finished => "finished",
        _ => "removed",
    };

    /// <summary>Reads a state written by <see cref="ToApiName"/> (case-insensitive); "error", TiCDC's older name for warning, too.</summary>
    public static bool TryParse(string? text, out ChangefeedState state)
    {
        state = text?.ToLowerInvariant() switch
        {
            "normal" => ChangefeedState.Normal,
            "stopped" => ChangefeedState.Stopped,
            "warning" or "error" => ChangefeedState.Warning,
            "pending" => ChangefeedState.Pending,
            "failed" => ChangefeedState.Failed,
            "finished" => ChangefeedState.Finished,
            "removed" => ChangefeedState.Removed,
            _ => (ChangefeedState)(-1),
        };
        return (int)state >= 0;
    }

    /// <summary>States in which the changefeed is being run (or waits to be run again): a server start runs them again.</summary>
    public static bool IsActive(this ChangefeedState state) => state is ChangefeedState.Normal or ChangefeedState.Warning or ChangefeedState.Pending;
}
