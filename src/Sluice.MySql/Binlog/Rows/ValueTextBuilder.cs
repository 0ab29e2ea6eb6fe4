namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// Builds the short texts of temporal values (under 96 characters even for out-of-range parts) in a caller's stack buffer, so that
/// formatting a value allocates only the final string and never depends on the current culture.
/// </summary>
internal ref struct ValueTextBuilder(Span<char> buffer)
{
    private static ReadOnlySpan<int> PowersOfTen => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    private readonly Span<char> _buffer = buffer;
    private int _length;

    public void Append(char c) => _buffer[_length++] = c;

    /// <summary>Appends a non-negative number with at least <paramref name="minWidth"/> digits, zero-padded.</summary>
    public void AppendNumber(long value, int minWidth)
    {
        if (value < 0)
        {
            Append('-');
            value = -value;
        }

        var digits = 1;
        for (var v = value / 10; v != 0; v /= 10)
            digits++;
        var width = Math.Max(digits, minWidth);
        for (var i = width - 1; i >= 0; i--)
        {
            _buffer[_length + i] = (char)('0' + (int)(value % 10));
            value /= 10;
        }

        _length += width;
    }

    /// <summary>Appends "HH:MM:SS[.ffffff]" (hours of at least two digits, TIME's may have three), as MySQL prints them.</summary>
    public void AppendClock(int hours, int minutes, int seconds, int microseconds, int precision)
    {
        AppendNumber(hours, 2);
        Append(':');
        AppendNumber(minutes, 2);
        Append(':');
        AppendNumber(seconds, 2);
        AppendFraction(microseconds, precision);
    }

    /// <summary>Appends ".ffffff" cut to <paramref name="precision"/> digits (nothing for precision 0), as MySQL prints fsp.</summary>
    public void AppendFraction(int microseconds, int precision)
    {
        precision = Math.Clamp(precision, 0, 6);
        if (precision == 0)
            return;
        Append('.');
        AppendNumber(Math.Clamp(microseconds, 0, 999_999) / PowersOfTen[6 - precision], precision);
    }

    public override readonly string ToString() => new(_buffer[.._length]);
}
