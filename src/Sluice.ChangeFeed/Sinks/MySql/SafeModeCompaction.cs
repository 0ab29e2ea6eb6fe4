using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>
/// Safe mode's statements for rows applied in one target transaction, compacted as DM's sync unit compacts a batch
/// (<c>compact</c> and <c>multiple-rows</c>): each row key's changes are reduced to where the key ends up — gone, or
/// holding its last image — and written per table as one multi-row DELETE of the keys that end up gone, then one
/// multi-row REPLACE of the last images. In safe mode every change is a DELETE by key and/or a REPLACE, so with one
/// unique key per table (changes of different key values then never meet) the result is the same as applying the
/// rows one by one, in far fewer statements.
/// </summary>
/// <remarks>
/// Used only when every table of the rows has exactly one primary or unique key on the target and every image holds
/// it; otherwise the rows are written in order (<see cref="ChunkStatements"/>). Tables are written one after
/// another, which the writer session allows (foreign_key_checks=0).
/// https://docs.pingcap.com/tidb/stable/dm-safe-mode, https://docs.pingcap.com/tidb/stable/task-configuration-file-full (syncers: compact, multiple-rows)
/// </remarks>
internal static class SafeModeCompaction
{
    /// <summary>The compacted statements, or null when the rows do not allow compaction.</summary>
    public static List<RowStatement>? TryCompact(IReadOnlyList<RowChangedEvent> rows, SinkTable[] tables)
    {
        // Per table, in first-seen order: each key's last state (null image: the key ends up gone) and, for keys
        // that end up gone, an image to delete them by.
        var states = new List<(SinkTable Table, Dictionary<RowKey, (RowImage? Last, RowImage Any)> Keys)>();
        Dictionary<RowKey, (RowImage? Last, RowImage Any)>? current = null;
        SinkTable? currentTable = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var table = tables[i];
            if (!ReferenceEquals(table, currentTable))
            {
                currentTable = table;
                current = null;
                foreach (var (known, keys) in states)
                {
                    if (ReferenceEquals(known, table))
                        current = keys;
                }

                if (current is null)
                {
                    if (table.Builder.Table is not { HasKey: true, UniqueKeyCount: 1 })
                        return null;
                    current = [];
                    states.Add((table, current));
                }
            }

            var row = rows[i];
            var before = row.Kind == RowChangeKind.Insert ? null : table.Image(row.Before ?? throw new ArgumentException($"a {row.Kind} of {table.Source} has no before image", nameof(rows)));
            var after = row.Kind == RowChangeKind.Delete ? null : table.Image(row.After ?? throw new ArgumentException($"a {row.Kind} of {table.Source} has no after image", nameof(rows)));
            if ((before is not null && !table.Builder.HoldsKey(before)) || (after is not null && !table.Builder.HoldsKey(after)))
                return null;
            if (before is not null)
                current![table.Builder.KeyOf(before)] = (null, before);
            if (after is not null)
                current![table.Builder.KeyOf(after)] = (after, after);
        }

        var statements = new List<RowStatement>();
        foreach (var (table, keys) in states)
        {
            var gone = new List<RowImage>();
            var last = new List<RowImage>();
            foreach (var (image, any) in keys.Values)
            {
                if (image is null)
                    gone.Add(any);
                else
                    last.Add(image);
            }

            if (gone.Count > 0)
                statements.AddRange(table.Builder.Delete(gone));
            if (last.Count > 0)
                statements.AddRange(table.Builder.Insert(last, InsertMode.Replace));
        }

        return statements;
    }
}
