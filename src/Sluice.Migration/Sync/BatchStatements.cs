using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;

namespace Sluice.Migration.Sync;

/// <summary>
/// A worker's batch as the statements that apply it: key-changing UPDATEs split, changes compacted with
/// <c>compact</c>, then runs of inserts (or deletes) of one table as multi-row statements and, with
/// <c>multiple-rows</c>, runs of UPDATEs of a single-key table as one INSERT … ON DUPLICATE KEY UPDATE.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-replication-logic (Compactor, Merger)</remarks>
internal static class BatchStatements
{
    /// <param name="forceSafeMode">Apply every change idempotently, as a retried batch must.</param>
    public static IEnumerable<RowStatement> For(IReadOnlyList<RowJob> batch, bool forceSafeMode, bool compact, bool multipleRows)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var jobs = BatchCompactor.SplitKeyChanges(forceSafeMode ? [.. batch.Select(j => j with { SafeMode = true })] : batch);
        if (compact)
            jobs = BatchCompactor.Compact(jobs);
        return Statements(jobs, multipleRows);
    }

    private static IEnumerable<RowStatement> Statements(List<RowJob> jobs, bool multipleRows)
    {
        var i = 0;
        while (i < jobs.Count)
        {
            var job = jobs[i];
            var j = i + 1;
            if (job.Kind == RowsEventKind.Update)
            {
                if (multipleRows && CanUpsert(job))
                {
                    while (j < jobs.Count && jobs[j].Builder == job.Builder && jobs[j].Kind == RowsEventKind.Update && CanUpsert(jobs[j]))
                        j++;
                }

                var statements = j - i > 1
                    ? job.Builder.Upsert([.. jobs.Skip(i).Take(j - i).Select(u => u.After!)])
                    : job.SafeMode ? job.Builder.SafeUpdate(job.Before!, job.After!) : [job.Builder.Update(job.Before!, job.After!)];
                foreach (var statement in statements)
                    yield return statement;
                i = j;
                continue;
            }

            // Deletes run regardless of safe mode; inserts only with the same one (INSERT or REPLACE).
            while (j < jobs.Count && jobs[j].Builder == job.Builder && jobs[j].Kind == job.Kind
                && (job.Kind == RowsEventKind.Delete || jobs[j].SafeMode == job.SafeMode))
                j++;
            var run = new List<RowImage>(j - i);
            for (var k = i; k < j; k++)
                run.Add(job.Kind == RowsEventKind.Insert ? jobs[k].After! : jobs[k].Before!);
            var runStatements = job.Kind == RowsEventKind.Insert
                ? job.Builder.Insert(run, job.SafeMode ? InsertMode.Replace : InsertMode.Insert)
                : job.Builder.Delete(run);
            foreach (var statement in runStatements)
                yield return statement;
            i = j;
        }
    }

    /// <summary>
    /// An UPDATE that multiple-rows may write as INSERT … ON DUPLICATE KEY UPDATE: not in safe mode, of a table whose
    /// only unique key is its key (an insert of the row can collide with no other row), keeping that key, with an
    /// after image of every column (the insert branch would otherwise leave columns at their defaults).
    /// </summary>
    private static bool CanUpsert(RowJob job) =>
        job is { SafeMode: false, ExactlyOnce: null, Before: { } before, After: { } after }
        && job.Builder.Table is { HasKey: true, UniqueKeyCount: 1 }
        && job.Builder.HoldsKey(before)
        && BatchCompactor.IsComplete(after)
        && !job.Builder.ChangesKey(before, after);
}
