namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// A DATE value as MySQL keeps it: zero dates ("0000-00-00") and zero parts ("2024-00-15") are legal
/// under permissive sql_mode, so the parts are plain numbers rather than a <see cref="DateOnly"/>.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/datetime.html</remarks>
public readonly record struct MySqlDate(int Year, int Month, int Day)
{
    /// <summary>True for "0000-00-00".</summary>
    public bool IsZero => Year == 0 && Month == 0 && Day == 0;

    /// <summary>The date as a <see cref="DateOnly"/>.</summary>
    /// <exception cref="InvalidOperationException">The date has a zero part or is not a calendar date.</exception>
    public DateOnly ToDateOnly()
    {
        if (!TryToDateOnly(out var date))
            throw new InvalidOperationException($"MySQL date {this} has no DateOnly equivalent");
        return date;
    }

    public bool TryToDateOnly(out DateOnly date)
    {
        if (Year is >= 1 and <= 9999 && Month is >= 1 and <= 12 && Day >= 1 && Day <= DateTime.DaysInMonth(Year, Month))
        {
            date = new DateOnly(Year, Month, Day);
            return true;
        }

        date = default;
        return false;
    }

    /// <summary>"yyyy-MM-dd", as SELECT prints it.</summary>
    public override string ToString()
    {
        var text = new ValueTextBuilder(stackalloc char[64]);
        text.AppendNumber(Year, 4);
        text.Append('-');
        text.AppendNumber(Month, 2);
        text.Append('-');
        text.AppendNumber(Day, 2);
        return text.ToString();
    }
}
