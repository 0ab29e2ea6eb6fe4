namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// A DATETIME value: a calendar date and time without time zone, zero dates and zero parts allowed,
/// with the column's fractional-seconds precision so that it prints as SELECT does.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/datetime.html</remarks>
public readonly record struct MySqlDateTime(
    int Year,
    int Month,
    int Day,
    int Hour,
    int Minute,
    int Second,
    int Microseconds,
    int Precision)
{
    /// <summary>True for "0000-00-00 00:00:00".</summary>
    public bool IsZero => Year == 0 && Month == 0 && Day == 0 && Hour == 0 && Minute == 0 && Second == 0 && Microseconds == 0;

    /// <summary>The value as a <see cref="DateTime"/> of kind <see cref="DateTimeKind.Unspecified"/>.</summary>
    /// <exception cref="InvalidOperationException">The date has a zero part or is not a calendar date.</exception>
    public DateTime ToDateTime()
    {
        if (!TryToDateTime(out var value))
            throw new InvalidOperationException($"MySQL datetime {this} has no DateTime equivalent");
        return value;
    }

    public bool TryToDateTime(out DateTime value)
    {
        if (new MySqlDate(Year, Month, Day).TryToDateOnly(out var date)
            && Hour is >= 0 and <= 23 && Minute is >= 0 and <= 59 && Second is >= 0 and <= 59
            && Microseconds is >= 0 and <= 999_999)
        {
            value = new DateTime(date, new TimeOnly(Hour, Minute, Second), DateTimeKind.Unspecified)
                .AddTicks(Microseconds * TimeSpan.TicksPerMicrosecond);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>"yyyy-MM-dd HH:mm:ss" plus exactly <see cref="Precision"/> fractional digits.</summary>
    public override string ToString()
    {
        var text = new ValueTextBuilder(stackalloc char[96]);
        text.AppendNumber(Year, 4);
        text.Append('-');
        text.AppendNumber(Month, 2);
        text.Append('-');
        text.AppendNumber(Day, 2);
        text.Append(' ');
        text.AppendClock(Hour, Minute, Second, Microseconds, Precision);
        return text.ToString();
    }
}
