using System.Buffers;
using System.Text;

namespace Sluice.Replication.Apply;

/// <summary>
/// Writes the rows of batched statements, <c>head row (separator row)* tail</c>, into a <see cref="SqlTextBuffer"/>,
/// and starts a new statement when one more row would pass the <see cref="StatementLimits"/>.
/// </summary>
/// <remarks>
/// A row is written in place and measured once written (its values' sizes are only known then); a row that takes
/// the statement past <see cref="StatementLimits.MaxBytes"/> is moved to the next statement. A single row larger
/// than the budget still goes alone: it cannot be split further.
/// </remarks>
internal sealed class StatementBatch
{
    private readonly SqlTextBuffer _text;
    private readonly StatementLimits _limits;
    private readonly string _head;
    private readonly string _separator;
    private readonly string _tail;
    private readonly long _headBytes;
    private readonly long _separatorBytes;
    private readonly long _tailBytes;
    private int _rows;
    private int _rowStart;
    private long _rowStartBytes;

    public StatementBatch(SqlTextBuffer text, StatementLimits limits, string head, string separator, string tail)
    {
        _text = text;
        _limits = limits;
        _head = head;
        _separator = separator;
        _tail = tail;
        _headBytes = Encoding.UTF8.GetByteCount(head);
        _separatorBytes = Encoding.UTF8.GetByteCount(separator);
        _tailBytes = Encoding.UTF8.GetByteCount(tail);
    }

    public int RowCount => _rows;

    /// <summary>Where the row's text goes, between <see cref="BeginRow"/> and <see cref="EndRow"/>.</summary>
    public SqlTextBuffer Text => _text;

    /// <summary>Starts a row: after the head, or after a separator; a statement at <see cref="StatementLimits.MaxRows"/> goes to <paramref name="statements"/> first.</summary>
    public void BeginRow(List<RowStatement> statements)
    {
        if (_rows >= _limits.MaxRows)
            statements.Add(Flush());
        _rowStart = _text.Length;
        _rowStartBytes = _text.ByteCount;
        if (_rows == 0)
        {
            _text.Clear();
            _text.AppendText(_head, _headBytes);
        }
        else
        {
            _text.AppendText(_separator, _separatorBytes);
        }
    }

    /// <summary>Ends the row: when it takes the statement past the byte budget, the rows before it go to <paramref name="statements"/> and it starts the next statement.</summary>
    public void EndRow(List<RowStatement> statements)
    {
        if (_rows > 0 && _text.ByteCount + _tailBytes > _limits.MaxBytes)
        {
            var start = _rowStart + _separator.Length;
            var length = _text.Length - start;
            var bytes = _text.ByteCount - _rowStartBytes - _separatorBytes;
            var row = ArrayPool<char>.Shared.Rent(length);
            try
            {
                _text.Written[start..].CopyTo(row);
                _text.Truncate(_rowStart, _rowStartBytes);
                statements.Add(Flush());
                _text.AppendText(_head, _headBytes);
                _text.AppendText(row.AsSpan(0, length), bytes);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(row);
            }
        }

        _rows++;
    }

    /// <summary>The statement so far, and a fresh start.</summary>
    public RowStatement Flush()
    {
        _text.AppendText(_tail, _tailBytes);
        var statement = new RowStatement(_text.ToString(), _rows, _text.ByteCount);
        _text.Clear();
        _rows = 0;
        return statement;
    }
}
