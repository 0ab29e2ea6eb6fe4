using System.Text;

namespace Sluice.Replication.Apply;

/// <summary>
/// Accumulates the rows of one batched statement, <c>head row (separator row)* tail</c>, and says when one more
/// row would pass the <see cref="StatementLimits"/>.
/// </summary>
internal sealed class StatementBatch(StatementLimits limits, string head, string separator, string tail)
{
    private readonly StringBuilder _text = new();
    private readonly List<object> _values = [];
    private readonly long _fixedBytes = Encoding.UTF8.GetByteCount(head) + Encoding.UTF8.GetByteCount(tail);
    private long _bytes;
    private int _rows;

    public int RowCount => _rows;

    /// <summary>
    /// The placeholder of the parameter that the next <see cref="AddParameter"/> adds: positional (<c>?</c>), which
    /// MySqlConnector binds in order without naming, normalising and looking up each one.
    /// </summary>
    public static string Placeholder(int index) => "?";

    /// <summary>Index of the next parameter.</summary>
    public int NextParameter => _values.Count;

    /// <summary>True when a row with <paramref name="parameters"/> placeholders and <paramref name="bytes"/> bytes may join.</summary>
    public bool Fits(int parameters, long bytes) =>
        _rows == 0
        || (_rows < limits.MaxRows
            && _values.Count + parameters <= limits.MaxParameters
            && _fixedBytes + _bytes + separator.Length + bytes <= limits.MaxBytes);

    public void AddParameter(object value) => _values.Add(value);

    /// <summary>Appends a row's text (whose parameters were just added) of <paramref name="bytes"/> estimated bytes.</summary>
    public void AddRow(string text, long bytes)
    {
        if (_rows > 0)
        {
            _text.Append(separator);
            _bytes += separator.Length;
        }

        _text.Append(text);
        _bytes += bytes;
        _rows++;
    }

    /// <summary>The statement so far, and a fresh start.</summary>
    public RowStatement Flush()
    {
        var statement = new RowStatement(head + _text + tail, [.. _values], _rows, _fixedBytes + _bytes);
        _text.Clear();
        _values.Clear();
        _bytes = 0;
        _rows = 0;
        return statement;
    }
}
