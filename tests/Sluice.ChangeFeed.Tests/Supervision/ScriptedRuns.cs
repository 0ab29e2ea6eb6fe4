using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Sluice.ChangeFeed.Supervision;

namespace Sluice.ChangeFeed.Tests.Supervision;

/// <summary>Runs whose outcome a test decides: each try of the supervisor is one <see cref="ScriptedRun"/>, handed to the test in order.</summary>
internal sealed class ScriptedRuns(FakeTimeProvider time)
{
    private readonly Channel<ScriptedRun> _started = Channel.CreateUnbounded<ScriptedRun>();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ChangefeedRun Start(ChangefeedDefinition definition)
    {
        var run = new ScriptedRun(definition, time.GetUtcNow());
        Interlocked.Increment(ref _count);
        _started.Writer.TryWrite(run);
        return new ChangefeedRun(run.Progress, run.RunAsync);
    }

    /// <summary>The next run the supervisor started.</summary>
    public ValueTask<ScriptedRun> NextAsync() => _started.Reader.ReadAsync(TestContext.Current.CancellationToken);
}

internal sealed class ScriptedRun(ChangefeedDefinition definition, DateTimeOffset startedAt)
{
    private readonly TaskCompletionSource<ChangefeedOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChangefeedDefinition Definition { get; } = definition;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public ChangefeedProgress Progress { get; } = new();

    public bool Cancelled { get; private set; }

    public async Task<ChangefeedOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(() =>
        {
            Cancelled = true;
            _outcome.TrySetCanceled(cancellationToken);
        });
        return await _outcome.Task;
    }

    public void Fail(bool retryable, string code = "CDC:ErrMySQLConnectionError") =>
        _outcome.TrySetException(new ChangefeedException(code, "the source went away", retryable));

    public void Crash() => _outcome.TrySetException(new InvalidOperationException("a bug"));

    public void Finish() => _outcome.TrySetResult(ChangefeedOutcome.Finished);
}
