using Sluice.Migration.Sync;
using Sluice.MySql.Positions;

namespace Sluice.Migration;

/// <summary>
/// Runs a task's units by task-mode: <c>full</c>, <c>dump</c> and <c>load</c> through <see cref="FullMigration"/>;
/// <c>all</c> the full migration then a sync unit per source from the dump's position; <c>incremental</c> only the
/// sync units. Sync units run until cancelled (or, with <see cref="MigrationTask.UntilCaughtUp"/>, until they reach
/// the end of the binlog) and then stop at a checkpoint; the first that fails stops the others.
/// </summary>
public static class TaskRunner
{
    /// <summary>The first wait before a paused sync unit resumes; it doubles up to <see cref="MaxResumeDelay"/>.</summary>
    public static readonly TimeSpan FirstResumeDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxResumeDelay = TimeSpan.FromMinutes(1);

    /// <param name="paused">Told when a sync unit pauses on a transient failure (source, target or network) and how long until it resumes.</param>
    public static async Task<TaskRunResult> RunAsync(
        MigrationTask task,
        IProgress<MigrationProgress>? fullProgress,
        IProgress<SyncStatus>? syncProgress,
        CancellationToken cancellationToken,
        Action<string, Exception, TimeSpan>? paused = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Mode is TaskMode.Full or TaskMode.Dump or TaskMode.Load)
            return new TaskRunResult(await FullMigration.RunAsync(task, fullProgress, cancellationToken).ConfigureAwait(false), []);

        IReadOnlyList<SourceMigrationResult> full = [];
        if (task.Mode == TaskMode.All)
            full = await FullMigration.RunAsync(task with { Mode = TaskMode.Full }, fullProgress, cancellationToken).ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var units = task.Sources.Select(source => new SyncUnit(task, source)).ToList();
        var runs = units.Select((unit, i) => RunUnitAsync(unit, task.Sources[i].SourceId, DumpLocation(full, task.Sources[i].SourceId), syncProgress, paused, stop)).ToArray();
        await Task.WhenAll(runs.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        var failures = runs.Where(r => r.IsFaulted).Select(r => r.Exception!.InnerException!).ToList();
        if (failures.Count == 1)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures[0]);
        if (failures.Count > 1)
            throw new AggregateException(failures);
        return new TaskRunResult(full, units.Select((u, i) => (task.Sources[i].SourceId, u.Checkpoint)).ToList());
    }

    /// <summary>
    /// Runs one sync unit; a transient failure (a source, target or network that is down) pauses it and it resumes
    /// from its checkpoint after a backoff, for as long as it takes. Any other failure stops every unit.
    /// </summary>
    private static async Task RunUnitAsync(
        SyncUnit unit,
        string sourceId,
        SyncLocation? dumpLocation,
        IProgress<SyncStatus>? progress,
        Action<string, Exception, TimeSpan>? paused,
        CancellationTokenSource stop)
    {
        var delay = FirstResumeDelay;
        while (true)
        {
            try
            {
                await unit.RunAsync(dumpLocation, progress, stop.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (!stop.IsCancellationRequested && IsTransient(ex))
            {
                paused?.Invoke(sourceId, ex, delay);
                try
                {
                    await Task.Delay(delay, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = delay * 2 < MaxResumeDelay ? delay * 2 : MaxResumeDelay;
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>A failure that goes away by itself: what the apply workers retry, and a source that cannot be reached.</summary>
    private static bool IsTransient(Exception exception) =>
        ApplyErrors.IsRetryable(exception) || exception is Sluice.MySql.MySqlConnectionException;

    private static SyncLocation? DumpLocation(IReadOnlyList<SourceMigrationResult> full, string sourceId) =>
        full.FirstOrDefault(r => r.SourceId == sourceId) is { BinlogName: { } name, BinlogPos: { } pos } result
            ? new SyncLocation(new BinlogPosition(name, pos), result.BinlogGtid ?? string.Empty)
            : null;
}

/// <summary>What a task run reached: the full migration's results, and each sync unit's last checkpoint.</summary>
public sealed record TaskRunResult(
    IReadOnlyList<SourceMigrationResult> Full,
    IReadOnlyList<(string SourceId, SyncLocation? Checkpoint)> Sync);
