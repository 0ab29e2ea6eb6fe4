using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks;
using Sluice.ChangeFeed.Tests.Processing;
using Sluice.Testing;

namespace Sluice.ChangeFeed.Tests.EndToEnd;

/// <summary>Runs a changefeed over the source fixture until a workload's changes are acknowledged by its sink.</summary>
internal static class ChangefeedHarness
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// Starts a changefeed of <paramref name="schema"/> into <paramref name="sinkUri"/>, runs <paramref name="workload"/>,
    /// and returns once the checkpoint has passed everything it wrote.
    /// </summary>
    public static async Task<ChangefeedRunner> RunAsync(
        MariaDbServers servers,
        string schema,
        string sinkUri,
        Func<Task> workload,
        ChangefeedOptions? options = null,
        Func<ChangefeedDefinition, IChangeSink>? sinkFactory = null)
    {
        var startTs = await NextSecondTsoAsync();
        var runner = new ChangefeedRunner(
            new ChangefeedDefinition
            {
                Id = "e2e-" + schema.Replace('_', '-'),
                SourceName = "source",
                SinkUri = sinkUri,
                StartTs = startTs,
                Options = (options ?? new ChangefeedOptions()) with { FilterRules = [$"{schema}.*"] },
            },
            new ChangefeedSource("source", servers.Source.Host, servers.Source.Port, servers.Source.User, servers.Source.Password),
            new MemoryCheckpointStore(),
            sinkFactory: sinkFactory);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var run = runner.RunAsync(stop.Token);
        await WaitAsync(() => runner.Progress.Started, run);
        await workload();
        // Idle at the source's end, the resolved TSO follows the clock: once the checkpoint passes a moment after
        // the workload, the sink has acknowledged all of it.
        var after = await NextSecondTsoAsync();
        await WaitAsync(() => runner.Progress.CheckpointTs >= after, run);
        await stop.CancelAsync();
        await run;
        return runner;
    }

    /// <summary>Waits for <paramref name="condition"/>; a run that ends first says why.</summary>
    public static async Task WaitAsync(Func<bool> condition, Task run)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (run.IsCompleted)
                await run;
            await Task.Delay(50, timeout.Token);
        }
    }

    public static async Task<Tso> NextSecondTsoAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var next = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 1);
        await Task.Delay(next - now + TimeSpan.FromMilliseconds(20), Token);
        return Tso.From(next);
    }
}
