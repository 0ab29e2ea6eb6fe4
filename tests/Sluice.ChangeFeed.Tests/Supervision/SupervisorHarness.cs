using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Supervision;

namespace Sluice.ChangeFeed.Tests.Supervision;

/// <summary>A supervisor over scripted runs and a fake clock, with every state change it announces in a queue.</summary>
internal sealed class SupervisorHarness
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Channel<ChangefeedStatus> _changes = Channel.CreateUnbounded<ChangefeedStatus>();

    public SupervisorHarness(ChangefeedState state = ChangefeedState.Normal, ChangefeedError? error = null)
    {
        Time = new FakeTimeProvider(Epoch);
        Runs = new ScriptedRuns(Time);
        Definition = new ChangefeedDefinition
        {
            Id = "orders-feed",
            SourceName = "mysql-01",
            SinkUri = "blackhole://",
            StartTs = Tso.From(Epoch.AddHours(-1)),
        };
        Supervisor = new ChangefeedSupervisor(
            Definition,
            state,
            error,
            Definition.StartTs,
            Runs.Start,
            (status, _) =>
            {
                _changes.Writer.TryWrite(status);
                return Task.CompletedTask;
            },
            time: Time);
    }

    public FakeTimeProvider Time { get; }

    public ScriptedRuns Runs { get; }

    public ChangefeedDefinition Definition { get; }

    public ChangefeedSupervisor Supervisor { get; }

    /// <summary>The next state change announced.</summary>
    public async Task<ChangefeedStatus> NextChangeAsync() => await _changes.Reader.ReadAsync(TestContext.Current.CancellationToken);

    /// <summary>Waits for the next change and checks its state.</summary>
    public async Task<ChangefeedStatus> ExpectAsync(ChangefeedState state)
    {
        var status = await NextChangeAsync();
        Assert.Equal(state, status.State);
        return status;
    }

    /// <summary>Nothing was announced that has not been read.</summary>
    public async Task ExpectNoChangeAsync()
    {
        await Supervisor.ChangesToldAsync();
        Assert.False(_changes.Reader.TryRead(out var extra), $"unexpected change to {extra?.State}");
    }
}
