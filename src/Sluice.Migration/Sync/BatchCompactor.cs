using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Sync;

/// <summary>
/// Reshapes a worker's batch of row changes before it becomes statements: UPDATEs that move a row to another key
/// are split into DELETE + INSERT, and, with DM's <c>compact</c>, the changes to one row are merged into one.
/// </summary>
/// <remarks>
/// Merging follows DM's compactor (https://docs.pingcap.com/tidb/stable/dm-replication-logic#compactor,
/// https://docs.pingcap.com/tidb/stable/dm-tune-configuration#compact): INSERT + UPDATE → INSERT, INSERT + DELETE →
/// DELETE, UPDATE + UPDATE → UPDATE, UPDATE + DELETE → DELETE, DELETE + INSERT → REPLACE. It is only done for a
/// table whose target has one unique key (its primary key, or a single NOT NULL unique key): then changes to
/// different key values never collide, so once each key appears once in the batch they can go in any order, and
/// the table's changes are grouped into one DELETE run, one INSERT run, one REPLACE run and its UPDATEs. With a
/// second unique key, a reordered INSERT could meet a row that a later DELETE or UPDATE was to move out of its way.
/// Every other table keeps its changes as they came, in order: no key or several keys, exactly-once rows, an image
/// without the key, an UPDATE that moves the key but cannot be split, or a sequence the rules do not cover (such
/// as DELETE + UPDATE, seen when an expression filter dropped the INSERT between them).
/// </remarks>
internal static class BatchCompactor
{
    /// <summary>
    /// The batch with each UPDATE that changes a primary or unique key value split into DELETE of its before image
    /// and INSERT of its after image (REPLACE in safe mode), as DM does, so a row moving onto a key another row is
    /// leaving never meets it halfway. An after image without every column stays one UPDATE: an INSERT of it would
    /// lose the columns it leaves out.
    /// </summary>
    public static List<RowJob> SplitKeyChanges(IReadOnlyList<RowJob> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var split = new List<RowJob>(batch.Count);
        foreach (var job in batch)
        {
            if (job is { Kind: RowsEventKind.Update, Before: { } before, After: { } after } && IsComplete(after) && job.Builder.ChangesKey(before, after))
            {
                split.Add(job with { Kind = RowsEventKind.Delete, After = null });
                split.Add(job with { Kind = RowsEventKind.Insert, Before = null });
            }
            else
            {
                split.Add(job);
            }
        }

        return split;
    }

    /// <summary>
    /// The batch (key changes already split) with the changes of each single-key table merged per row and grouped
    /// where the table first appears: its DELETEs, its INSERTs, its REPLACEs (DELETE + INSERT, and safe-mode
    /// UPDATEs, which keep their key), then its UPDATEs. Other tables' changes stay where they are.
    /// </summary>
    public static List<RowJob> Compact(IReadOnlyList<RowJob> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var byTable = new Dictionary<TableName, List<RowJob>>();
        foreach (var job in batch)
        {
            var table = job.Builder.Table.Name;
            if (!byTable.TryGetValue(table, out var jobs))
                byTable[table] = jobs = [];
            jobs.Add(job);
        }

        var compacted = new Dictionary<TableName, List<RowJob>?>();
        var result = new List<RowJob>(batch.Count);
        foreach (var job in batch)
        {
            var table = job.Builder.Table.Name;
            if (!compacted.TryGetValue(table, out var merged))
            {
                merged = Merge(byTable[table]);
                compacted[table] = merged;
                if (merged is not null)
                    result.AddRange(merged);
            }

            if (merged is null)
                result.Add(job);
        }

        return result;
    }

    /// <summary>True when the image holds every column of its table.</summary>
    public static bool IsComplete(RowImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        for (var i = 0; i < image.Count; i++)
        {
            if (!image.IsPresent(i))
                return false;
        }

        return true;
    }

    /// <summary>One table's changes merged per key and grouped; null when the table's changes must stay as they are.</summary>
    private static List<RowJob>? Merge(List<RowJob> jobs)
    {
        var builder = jobs[0].Builder;
        var table = builder.Table;
        if (!table.HasKey || table.UniqueKeyCount != 1)
            return null;
        var rows = new Dictionary<RowKey, int>();
        var merged = new List<RowJob>();
        foreach (var job in jobs)
        {
            // Tables routed from several sources (shards) share the target table; their builders must agree on it.
            if (job.ExactlyOnce is not null
                || job.Builder.Table.Columns.Count != table.Columns.Count
                || !job.Builder.Table.KeyColumns.SequenceEqual(table.KeyColumns))
                return null;
            var image = job.Kind == RowsEventKind.Insert ? job.After : job.Before;
            if (image is null || !builder.HoldsKey(image)
                || (job.Kind == RowsEventKind.Update && (job.After is null || builder.ChangesKey(image, job.After))))
                return null;

            var key = builder.KeyOf(image);
            var change = ReferenceEquals(job.Builder, builder) ? job : job with { Builder = builder };
            if (!rows.TryGetValue(key, out var at))
            {
                rows[key] = merged.Count;
                merged.Add(change);
                continue;
            }

            if (Combine(merged[at], change) is not { } combined)
                return null;
            merged[at] = combined;
        }

        // Safe mode: an UPDATE that keeps its key is a REPLACE of its after image (the DELETE before it finds the same row).
        var grouped = merged.Select(j => j is { Kind: RowsEventKind.Update, SafeMode: true } ? j with { Kind = RowsEventKind.Insert, Before = null } : j).ToList();
        return
        [
            .. grouped.Where(j => j.Kind == RowsEventKind.Delete),
            .. grouped.Where(j => j is { Kind: RowsEventKind.Insert, SafeMode: false }),
            .. grouped.Where(j => j is { Kind: RowsEventKind.Insert, SafeMode: true }),
            .. grouped.Where(j => j.Kind == RowsEventKind.Update),
        ];
    }

    /// <summary>
    /// Two changes to one row as one, by DM's rules; null for a sequence they do not cover. An INSERT in safe mode
    /// is a REPLACE; the merged change is in safe mode when either was.
    /// </summary>
    private static RowJob? Combine(RowJob first, RowJob next)
    {
        var safe = first.SafeMode || next.SafeMode;
        return (first.Kind, next.Kind) switch
        {
            // INSERT + UPDATE → INSERT of the updated row; a partial after image only changes the columns it holds.
            (RowsEventKind.Insert, RowsEventKind.Update) => first with { After = Overlay(first.After!, next.After!), SafeMode = safe },
            (RowsEventKind.Insert, RowsEventKind.Delete) => next with { SafeMode = safe },
            (RowsEventKind.Update, RowsEventKind.Update) => first with { After = Overlay(first.After!, next.After!), SafeMode = safe },
            (RowsEventKind.Update, RowsEventKind.Delete) => next with { Before = first.Before, SafeMode = safe },
            // DELETE + INSERT → REPLACE: whatever the row was before, it ends as the inserted one.
            (RowsEventKind.Delete, RowsEventKind.Insert) => next with { SafeMode = true },
            _ => null,
        };
    }

    /// <summary>The columns of <paramref name="earlier"/>, with those <paramref name="later"/> holds taken from it.</summary>
    private static RowImage Overlay(RowImage earlier, RowImage later)
    {
        var values = new object?[earlier.Count];
        var present = new bool[earlier.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var fromLater = later.IsPresent(i);
            present[i] = fromLater || earlier.IsPresent(i);
            values[i] = fromLater ? later[i] : earlier[i];
        }

        return new RowImage(values, present);
    }
}
