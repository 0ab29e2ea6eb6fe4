namespace Sluice.ChangeFeed.Supervision;

/// <summary>
/// One run of a changefeed as the supervisor drives it: the numbers it reports and the run itself. Production builds
/// it from a <see cref="ChangefeedRunner"/> (<see cref="FromRunner"/>); tests script the outcomes.
/// </summary>
/// <param name="Progress">Read by the supervisor to see whether the checkpoint moves.</param>
/// <param name="RunAsync">Runs until cancelled or target_ts; throws <see cref="ChangefeedException"/> on failure.</param>
public sealed record ChangefeedRun(ChangefeedProgress Progress, Func<CancellationToken, Task<ChangefeedOutcome>> RunAsync)
{
    public static ChangefeedRun FromRunner(ChangefeedRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return new ChangefeedRun(runner.Progress, runner.RunAsync);
    }
}
