using System.Collections.Concurrent;
using System.Threading.Channels;
using Sluice.ChangeFeed;
using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Supervision;
using Sluice.Server.ChangeFeeds;

namespace Sluice.Server.Tests.ChangeFeeds;

/// <summary>
/// Changefeed runs for endpoint tests, chosen by the changefeed's id: "fail-…" fails at once with a non-retryable
/// error; "finish-…" reaches its target_ts at once; "save-…" saves a checkpoint 1000 past where it starts, then runs (its start is told once saved); any other runs until stopped. Each start is
/// recorded with what the run was given.
/// </summary>
internal sealed class ScriptedChangefeedRuns
{
    public const string FailureCode = "CDC:ErrMySQLConnectionError";
    private readonly ConcurrentDictionary<string, Channel<RunStart>> _starts = new(StringComparer.Ordinal);

    public ChangefeedRunFactory Factory => Create;

    /// <summary>The next start of <paramref name="id"/>'s runs.</summary>
    public async Task<RunStart> NextStartAsync(string id) => await Starts(id).Reader.ReadAsync(TestContext.Current.CancellationToken);

    private Channel<RunStart> Starts(string id) => _starts.GetOrAdd(id, _ => Channel.CreateUnbounded<RunStart>());

    private ChangefeedRun Create(ChangefeedDefinition definition, ChangefeedSource source, IChangefeedCheckpointStore checkpoints)
    {
        var progress = new ChangefeedProgress();
        return new ChangefeedRun(progress, async cancellationToken =>
        {
            var checkpoint = await checkpoints.ReadAsync(cancellationToken);
            progress.CheckpointTs = checkpoint?.CheckpointTs ?? definition.StartTs;
            progress.ResolvedTs = progress.CheckpointTs;
            if (definition.Id.StartsWith("save-", StringComparison.Ordinal))
            {
                var saved = new Tso(progress.CheckpointTs.Value + 1000);
                await checkpoints.SaveAsync(new ChangefeedCheckpoint(saved, "mysql-bin.000001", 4), cancellationToken);
                progress.CheckpointTs = saved;
            }

            // Told once the checkpoint is saved, so that a test may restart the server right after.
            Starts(definition.Id).Writer.TryWrite(new RunStart(definition, source, checkpoint));
            if (definition.Id.StartsWith("fail-", StringComparison.Ordinal))
                throw new ChangefeedException(FailureCode, "the source refused the connection", isRetryable: false);
            if (definition.Id.StartsWith("finish-", StringComparison.Ordinal))
                return ChangefeedOutcome.Finished;

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return ChangefeedOutcome.Stopped;
        });
    }
}

/// <summary>What one run was given: the definition (sink password in clear), the source and the stored checkpoint.</summary>
internal sealed record RunStart(ChangefeedDefinition Definition, ChangefeedSource Source, ChangefeedCheckpoint? Checkpoint);
