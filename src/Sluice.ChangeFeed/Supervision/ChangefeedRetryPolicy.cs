namespace Sluice.ChangeFeed.Supervision;

/// <summary>
/// How a changefeed retries retryable errors, as TiCDC does: the first retry 10 s after the error, each next wait
/// twice the last up to 10 min, and failed once errors have gone on for 30 min without the checkpoint moving.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-changefeed-overview (changefeed-error-stuck-duration)</remarks>
public sealed record ChangefeedRetryPolicy
{
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long retryable errors may go on without progress before the changefeed is failed.</summary>
    public TimeSpan ErrorStuckDuration { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The wait after <paramref name="previous"/> (null for the first retry of a streak).</summary>
    public TimeSpan Next(TimeSpan? previous) =>
        previous is { } last ? TimeSpan.FromTicks(Math.Min(last.Ticks * 2, MaxBackoff.Ticks)) : InitialBackoff;
}
