using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>
/// The statements that apply a chunk's rows in order: a run of inserts (or deletes) of one table as multi-row
/// statements, each UPDATE by key. An UPDATE that moves its row to another primary or unique key value is a DELETE
/// of the old row and an INSERT of the new one, as TiCDC and DM write it, so that a row moving onto a key another row
/// is leaving never meets it halfway. In safe mode inserts are REPLACE and updates DELETE + REPLACE, so that applying
/// the same transaction again leaves the same rows.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-mysql (safe-mode), https://docs.pingcap.com/tidb/stable/dm-safe-mode</remarks>
internal static class ChunkStatements
{
    /// <summary>The statements for <paramref name="rows"/>; in safe mode compacted when <see cref="SafeModeCompaction"/> allows.</summary>
    public static IEnumerable<RowStatement> For(IReadOnlyList<RowChangedEvent> rows, SinkTable[] tables, bool safeMode) =>
        (safeMode && rows.Count > 1 ? SafeModeCompaction.TryCompact(rows, tables) : null) ?? InOrder(rows, tables, safeMode);

    private static IEnumerable<RowStatement> InOrder(IReadOnlyList<RowChangedEvent> rows, SinkTable[] tables, bool safeMode)
    {
        var i = 0;
        while (i < rows.Count)
        {
            var row = rows[i];
            var table = tables[i];
            var builder = table.Builder;
            if (row.Kind == RowChangeKind.Update)
            {
                var before = table.Image(row.Before ?? throw new ArgumentException($"an update of {table.Source} has no before image", nameof(rows)));
                var after = table.Image(row.After ?? throw new ArgumentException($"an update of {table.Source} has no after image", nameof(rows)));
                IReadOnlyList<RowStatement> statements = safeMode
                    ? builder.SafeUpdate(before, after)
                    : builder.ChangesKey(before, after)
                        ? [.. builder.Delete([before]), .. builder.Insert([after])]
                        : [builder.Update(before, after)];
                foreach (var statement in statements)
                    yield return statement;
                i++;
                continue;
            }

            var j = i + 1;
            while (j < rows.Count && ReferenceEquals(tables[j], table) && rows[j].Kind == row.Kind)
                j++;
            var images = new List<RowImage>(j - i);
            for (var k = i; k < j; k++)
            {
                images.Add(table.Image(row.Kind == RowChangeKind.Insert
                    ? rows[k].After ?? throw new ArgumentException($"an insert of {table.Source} has no after image", nameof(rows))
                    : rows[k].Before ?? throw new ArgumentException($"a delete of {table.Source} has no before image", nameof(rows))));
            }

            var run = row.Kind == RowChangeKind.Insert
                ? builder.Insert(images, safeMode ? InsertMode.Replace : InsertMode.Insert)
                : builder.Delete(images);
            foreach (var statement in run)
                yield return statement;
            i = j;
        }
    }
}
