namespace Sluice.ChangeFeed.Model;

/// <summary>
/// One row changed by a committed source transaction. Values are one slot per column of <see cref="Table"/>, typed
/// as the binlog decoder gives them (see <see cref="Sluice.MySql.Binlog.Rows.RowImage"/>): long, ulong, float,
/// double, MySqlDecimal, int (YEAR), MySqlDate, MySqlTime, MySqlDateTime, MySqlTimestamp, string (text, ENUM and
/// SET by name, JSON as text), byte[] (binary strings, BLOB, GEOMETRY, BIT as ulong); null is SQL NULL.
/// </summary>
public sealed class RowChangedEvent
{
    public required ChangeTable Table { get; init; }

    public required RowChangeKind Kind { get; init; }

    /// <summary>The commit TSO of the row's transaction.</summary>
    public required Tso CommitTs { get; init; }

    /// <summary>The transaction's start TSO (TiCDC's start_ts): the time its first event was written.</summary>
    public Tso StartTs { get; init; }

    /// <summary>The row before the change: set for <see cref="RowChangeKind.Update"/> and <see cref="RowChangeKind.Delete"/>.</summary>
    public IReadOnlyList<object?>? Before { get; init; }

    /// <summary>The row after the change: set for <see cref="RowChangeKind.Insert"/> and <see cref="RowChangeKind.Update"/>.</summary>
    public IReadOnlyList<object?>? After { get; init; }

    /// <summary>The values that identify the row: <see cref="After"/> for inserts and updates, else <see cref="Before"/>.</summary>
    public IReadOnlyList<object?> Current => After ?? Before ?? throw new InvalidOperationException("a row change has no values");

    /// <summary>A rough size in bytes, for memory accounting.</summary>
    public int ApproximateSize
    {
        get
        {
            var size = 64;
            if (Before is not null)
                size += SizeOf(Before);
            if (After is not null)
                size += SizeOf(After);
            return size;
        }
    }

    // Asked for every row the capture queues: an array (the decoder's) is walked without an enumerator.
    private static int SizeOf(IReadOnlyList<object?> values)
    {
        var size = 8 * values.Count;
        if (values is object?[] array)
        {
            foreach (var value in array)
                size += SizeOf(value);
            return size;
        }

        for (var i = 0; i < values.Count; i++)
            size += SizeOf(values[i]);
        return size;
    }

    private static int SizeOf(object? value) => value switch
    {
        null => 0,
        string s => 24 + (2 * s.Length),
        byte[] b => 24 + b.Length,
        _ => 24,
    };
}

public enum RowChangeKind
{
    Insert = 1,
    Update = 2,
    Delete = 3,
}
