using System.Text;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.Replication.Apply;

/// <summary>
/// Turns row changes of one table into statements on the target, their values written in by
/// <see cref="SqlValueWriter"/>: multi-row INSERT, REPLACE or INSERT IGNORE, DELETE by key in batches, UPDATE by key,
/// multiple-rows' INSERT … ON DUPLICATE KEY UPDATE, and safe mode's DELETE + REPLACE.
/// </summary>
/// <remarks>
/// Column lists follow the row images: only the columns present in an image are written (binlog_row_image
/// MINIMAL or NOBLOB leave some out). A row is found by the table's key (<see cref="TargetTable"/>) when its image
/// holds every key column with a value; otherwise by all the columns of its image, NULL-safe (&lt;=&gt;), one row
/// at a time with LIMIT 1, as DM does for tables without a key
/// (https://docs.pingcap.com/tidb/stable/dm-faq). Batched DELETEs use a row constructor
/// <c>(k1 = … AND k2 = …) OR …</c> for composite keys, which MariaDB 10.11 and MySQL 5.7+ answer with a range scan of the key
/// (https://dev.mysql.com/doc/refman/8.0/en/range-optimization.html#row-constructor-range-optimization).
/// </remarks>
public sealed class RowStatementBuilder
{
    private readonly TargetTable _table;
    private readonly StatementLimits _limits;
    private readonly string[] _keyNames;

    /// <summary>Every column, in order: the present columns of a complete image, shared instead of built per row.</summary>
    private readonly int[] _allColumns;

    /// <summary>UTF-8 bytes of each quoted column name.</summary>
    private readonly long[] _quotedColumnBytes;

    /// <summary>The heads of INSERT, REPLACE and INSERT IGNORE of every column, and of DELETE by key, built once.</summary>
    private readonly string[] _fullInsertHeads;
    private readonly string _deleteHead;

    public RowStatementBuilder(TargetTable table, StatementLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _limits = limits ?? StatementLimits.Default;
        _limits.Validate();
        _keyNames = table.KeyColumns.Select(i => table.Columns[i].Name!).ToArray();
        _allColumns = [.. Enumerable.Range(0, table.Columns.Count)];
        _quotedColumnBytes = [.. table.QuotedColumns.Select(c => (long)Encoding.UTF8.GetByteCount(c))];
        _fullInsertHeads = [.. Enum.GetValues<InsertMode>().Select(mode => BuildInsertHead(mode, _allColumns))];
        _deleteHead = BuildDeleteHead();
    }

    public TargetTable Table => _table;

    public StatementLimits Limits => _limits;

    /// <summary>
    /// The statements of one rows event: INSERT (REPLACE in safe mode) of the after images; DELETE of the before
    /// images; UPDATE of each changed row (DELETE + REPLACE in safe mode).
    /// </summary>
    public IReadOnlyList<RowStatement> ForEvent(RowsEvent rowsEvent, bool safeMode)
    {
        ArgumentNullException.ThrowIfNull(rowsEvent);
        switch (rowsEvent.Kind)
        {
            case RowsEventKind.Insert:
                return Insert(rowsEvent.Rows.Select(r => r.After!).ToArray(), safeMode ? InsertMode.Replace : InsertMode.Insert);
            case RowsEventKind.Delete:
                return Delete(rowsEvent.Rows.Select(r => r.Before!).ToArray());
            default:
                var statements = new List<RowStatement>();
                foreach (var change in rowsEvent.Rows)
                {
                    if (safeMode)
                        statements.AddRange(SafeUpdate(change.Before!, change.After!));
                    else
                        statements.Add(Update(change.Before!, change.After!));
                }

                return statements;
        }
    }

    /// <summary>
    /// Multi-row INSERT, REPLACE or INSERT IGNORE of <paramref name="rows"/>, in order; a row whose present columns
    /// differ from the row before it starts a new statement, and so does a row that would pass the limits.
    /// </summary>
    public IReadOnlyList<RowStatement> Insert(IReadOnlyList<RowImage> rows, InsertMode mode = InsertMode.Insert)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return MultiRowInsert(rows, mode, upsert: false);
    }

    /// <summary>
    /// Several UPDATEs that keep their rows' keys, as DM's multiple-rows writes them: a multi-row
    /// <c>INSERT … VALUES (…),(…) ON DUPLICATE KEY UPDATE c = VALUES(c), …</c> of the after images, split as
    /// <see cref="Insert"/> splits. Each image must hold the key; the non-key columns it holds are set.
    /// </summary>
    /// <remarks>
    /// Applied to rows that exist, this is their UPDATEs, row by row in order; a row that is missing is inserted
    /// (https://dev.mysql.com/doc/refman/8.0/en/insert-on-duplicate.html). It is only the same as the UPDATEs when
    /// the table has no other unique key a row could collide on, and when the images hold every column.
    /// <c>VALUES(col)</c> is what MariaDB 10.11 and MySQL 5.7+ both accept (MySQL 8.0.20 deprecates it, still works).
    /// </remarks>
    /// <exception cref="InvalidOperationException">The table has no usable key.</exception>
    public IReadOnlyList<RowStatement> Upsert(IReadOnlyList<RowImage> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!_table.HasKey)
            throw new InvalidOperationException($"{_table.Name} has no primary or NOT NULL unique key: its updates cannot be written as INSERT … ON DUPLICATE KEY UPDATE");
        foreach (var row in rows)
        {
            if (!CanUseKey(row))
                throw new ArgumentException("an image to upsert lacks a key column", nameof(rows));
        }

        return MultiRowInsert(rows, InsertMode.Insert, upsert: true);
    }

    /// <summary>
    /// DELETE of the rows whose before images are <paramref name="rows"/>: by key in batches, or one row at a
    /// time (LIMIT 1) by its whole image when the key cannot be used.
    /// </summary>
    public IReadOnlyList<RowStatement> Delete(IReadOnlyList<RowImage> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var statements = new List<RowStatement>();
        using var text = new SqlTextBuffer();
        StatementBatch? batch = null;
        foreach (var row in rows)
        {
            if (!CanUseKey(row))
            {
                if (batch is { RowCount: > 0 })
                    statements.Add(batch.Flush());
                text.Clear();
                text.AppendAscii("DELETE FROM ");
                text.AppendText(_table.QuotedName);
                AppendWhere(text, row);
                statements.Add(new RowStatement(text.ToString(), 1, text.ByteCount));
                continue;
            }

            var keys = _table.KeyOrdinals;
            var composite = keys.Length > 1;
            batch ??= composite ? new StatementBatch(text, _limits, _deleteHead, " OR ", string.Empty) : new StatementBatch(text, _limits, _deleteHead, ",", ")");
            batch.BeginRow(statements);

            // A composite key as (a = … AND b = …) OR …: MariaDB range-scans that for any number of rows, while a
            // row constructor with a single tuple, (a, b) IN ((…)), makes a DELETE scan the whole table.
            if (composite)
                text.AppendAscii('(');
            for (var i = 0; i < keys.Length; i++)
            {
                if (i > 0)
                    text.AppendAscii(" AND ");
                if (composite)
                {
                    AppendColumn(text, keys[i]);
                    text.AppendAscii(" = ");
                }

                SqlValueWriter.AppendKey(text, _table.Columns[keys[i]], row[keys[i]]);
            }

            if (composite)
                text.AppendAscii(')');
            batch.EndRow(statements);
        }

        if (batch is { RowCount: > 0 })
            statements.Add(batch.Flush());
        return statements;
    }

    /// <summary>
    /// UPDATE of one row: SET every column present in <paramref name="after"/>, WHERE the key of
    /// <paramref name="before"/> (or its whole image, LIMIT 1).
    /// </summary>
    public RowStatement Update(RowImage before, RowImage after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var columns = PresentColumns(after);
        if (columns.Length == 0)
            throw new ArgumentException("the after image has no columns", nameof(after));
        using var text = new SqlTextBuffer();
        text.AppendAscii("UPDATE ");
        text.AppendText(_table.QuotedName);
        text.AppendAscii(" SET ");
        for (var i = 0; i < columns.Length; i++)
        {
            if (i > 0)
                text.AppendAscii(',');
            AppendColumn(text, columns[i]);
            text.AppendAscii(" = ");
            SqlValueWriter.Append(text, _table.Columns[columns[i]], after[columns[i]]);
        }

        AppendWhere(text, before);
        return new RowStatement(text.ToString(), 1, text.ByteCount);
    }

    /// <summary>Safe mode's UPDATE: DELETE the row of <paramref name="before"/>, then REPLACE <paramref name="after"/>, so that replaying it is harmless.</summary>
    public IReadOnlyList<RowStatement> SafeUpdate(RowImage before, RowImage after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return [.. Delete([before]), .. Insert([after], InsertMode.Replace)];
    }

    /// <summary>
    /// The values that identify the row of <paramref name="row"/>: its key columns, or, when the key cannot be used
    /// (no key, or a key column absent or NULL in the image), every column present in the image.
    /// </summary>
    public RowKey KeyOf(RowImage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        CheckWidth(row);
        if (CanUseKey(row))
            return new RowKey(_table.Name, _keyNames, ValuesAt(row, _table.KeyOrdinals));
        var columns = PresentColumns(row);
        var names = new string[columns.Length];
        for (var i = 0; i < columns.Length; i++)
            names[i] = _table.Columns[columns[i]].Name!;
        return new RowKey(_table.Name, names, ValuesAt(row, columns));
    }

    /// <summary>True when <paramref name="row"/> holds every column of the table's key with a value (not NULL), so the row is found by key.</summary>
    public bool HoldsKey(RowImage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return CanUseKey(row);
    }

    /// <summary>
    /// True when an UPDATE from <paramref name="before"/> to <paramref name="after"/> moves its row to other key
    /// values: a column of the primary key or of any unique key (the builder's key included) that the after image
    /// holds with another value than the before image, or that only the after image holds. A column the after
    /// image leaves out keeps its value.
    /// </summary>
    public bool ChangesKey(RowImage before, RowImage after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        CheckWidth(before);
        CheckWidth(after);
        foreach (var key in _table.UniqueKeyColumns)
        {
            foreach (var i in key.AsSpan())
            {
                if (after.IsPresent(i) && (!before.IsPresent(i) || !RowKey.ValueEquals(before[i], after[i])))
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Rows as multi-row INSERTs (with <paramref name="upsert"/>, … ON DUPLICATE KEY UPDATE): <c>head (…),(…) tail</c>, a
    /// new statement when the present columns change or the limits would be passed.
    /// </summary>
    private List<RowStatement> MultiRowInsert(IReadOnlyList<RowImage> rows, InsertMode mode, bool upsert)
    {
        var statements = new List<RowStatement>();
        using var text = new SqlTextBuffer();
        StatementBatch? batch = null;
        int[]? batchColumns = null;
        foreach (var row in rows)
        {
            var columns = PresentColumns(row);
            if (columns.Length == 0)
                throw new ArgumentException("a row image to insert has no columns", nameof(rows));
            if (batch is null || !columns.AsSpan().SequenceEqual(batchColumns))
            {
                if (batch is { RowCount: > 0 })
                    statements.Add(batch.Flush());
                batch = new StatementBatch(text, _limits, InsertHead(mode, columns), ",", upsert ? UpsertTail(columns) : string.Empty);
                batchColumns = columns;
            }

            batch.BeginRow(statements);
            text.AppendAscii('(');
            for (var i = 0; i < columns.Length; i++)
            {
                if (i > 0)
                    text.AppendAscii(',');
                SqlValueWriter.Append(text, _table.Columns[columns[i]], row[columns[i]]);
            }

            text.AppendAscii(')');
            batch.EndRow(statements);
        }

        if (batch is { RowCount: > 0 })
            statements.Add(batch.Flush());
        return statements;
    }

    /// <summary>Appends " WHERE …" locating <paramref name="row"/>: by key, or by its whole image, NULL-safe, LIMIT 1.</summary>
    private void AppendWhere(SqlTextBuffer text, RowImage row)
    {
        var byKey = CanUseKey(row);
        var columns = byKey ? _table.KeyOrdinals : PresentColumns(row);
        if (columns.Length == 0)
            throw new ArgumentException("the before image has no columns to find the row by", nameof(row));
        text.AppendAscii(" WHERE ");
        for (var i = 0; i < columns.Length; i++)
        {
            if (i > 0)
                text.AppendAscii(" AND ");
            AppendColumn(text, columns[i]);
            text.AppendAscii(byKey ? " = " : " <=> ");
            SqlValueWriter.AppendKey(text, _table.Columns[columns[i]], row[columns[i]]);
        }

        if (!byKey)
            text.AppendAscii(" LIMIT 1");
    }

    private void AppendColumn(SqlTextBuffer text, int column) => text.AppendText(_table.QuotedColumns[column], _quotedColumnBytes[column]);

    private bool CanUseKey(RowImage row)
    {
        CheckWidth(row);
        if (!_table.HasKey)
            return false;
        foreach (var index in _table.KeyOrdinals.AsSpan())
        {
            if (!row.IsPresent(index) || row[index] is null)
                return false;
        }

        return true;
    }

    private static object?[] ValuesAt(RowImage row, int[] columns)
    {
        var values = new object?[columns.Length];
        for (var i = 0; i < columns.Length; i++)
            values[i] = row[columns[i]];
        return values;
    }

    private int[] PresentColumns(RowImage row)
    {
        CheckWidth(row);
        var present = 0;
        for (var i = 0; i < row.Count; i++)
        {
            if (row.IsPresent(i))
                present++;
        }

        if (present == row.Count)
            return _allColumns;
        var columns = new int[present];
        present = 0;
        for (var i = 0; i < row.Count; i++)
        {
            if (row.IsPresent(i))
                columns[present++] = i;
        }

        return columns;
    }

    private void CheckWidth(RowImage row)
    {
        if (row.Count != _table.Columns.Count)
            throw new ArgumentException($"a row image of {row.Count} columns does not fit {_table.Name}, which has {_table.Columns.Count}", nameof(row));
    }

    private string InsertHead(InsertMode mode, int[] columns) =>
        ReferenceEquals(columns, _allColumns) && (int)mode < _fullInsertHeads.Length ? _fullInsertHeads[(int)mode] : BuildInsertHead(mode, columns);

    private string BuildInsertHead(InsertMode mode, int[] columns)
    {
        var head = new StringBuilder(mode switch
        {
            InsertMode.Replace => "REPLACE INTO ",
            InsertMode.InsertIgnore => "INSERT IGNORE INTO ",
            _ => "INSERT INTO ",
        });
        head.Append(_table.QuotedName).Append(" (");
        for (var i = 0; i < columns.Length; i++)
        {
            if (i > 0)
                head.Append(',');
            head.Append(_table.QuotedColumns[columns[i]]);
        }

        return head.Append(") VALUES ").ToString();
    }

    /// <summary>
    /// " ON DUPLICATE KEY UPDATE c = VALUES(c), …" for the non-key columns among <paramref name="columns"/>; with
    /// none, the first key column sets itself, since the clause needs one assignment.
    /// </summary>
    private string UpsertTail(int[] columns)
    {
        var set = columns.Where(c => !_table.KeyColumns.Contains(c)).ToArray();
        if (set.Length == 0)
            set = [_table.KeyColumns[0]];
        var tail = new StringBuilder(" ON DUPLICATE KEY UPDATE ");
        for (var i = 0; i < set.Length; i++)
        {
            if (i > 0)
                tail.Append(',');
            var column = _table.QuotedColumns[set[i]];
            tail.Append(column).Append(" = VALUES(").Append(column).Append(')');
        }

        return tail.ToString();
    }

    private string BuildDeleteHead()
    {
        var head = new StringBuilder("DELETE FROM ").Append(_table.QuotedName).Append(" WHERE ");
        if (_table.KeyColumns.Count == 1)
            return head.Append(_table.QuotedColumns[_table.KeyColumns[0]]).Append(" IN (").ToString();
        return head.ToString();
    }
}
