namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// A TIME value: a signed duration of up to 838:59:59.999999 (not a time of day), with the column's
/// fractional-seconds precision so that it prints as SELECT does.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/time.html</remarks>
/// <param name="Negative">True for values below zero, including "-00:00:00.5".</param>
/// <param name="Hours">0..838.</param>
/// <param name="Minutes">0..59.</param>
/// <param name="Seconds">0..59.</param>
/// <param name="Microseconds">0..999999.</param>
/// <param name="Precision">Fractional digits of the column (fsp, 0..6).</param>
public readonly record struct MySqlTime(bool Negative, int Hours, int Minutes, int Seconds, int Microseconds, int Precision)
{
    /// <summary>The duration as a <see cref="TimeSpan"/> (TIME's range fits it).</summary>
    public TimeSpan ToTimeSpan()
    {
        var micros = ((((long)Hours * 60) + Minutes) * 60 + Seconds) * 1_000_000L + Microseconds;
        var ticks = micros * TimeSpan.TicksPerMicrosecond;
        return TimeSpan.FromTicks(Negative ? -ticks : ticks);
    }

    /// <summary>"[-]HH:mm:ss[.f…]" with exactly <see cref="Precision"/> fractional digits, e.g. "-838:59:59.000000".</summary>
    public override string ToString()
    {
        var text = new ValueTextBuilder(stackalloc char[64]);
        if (Negative)
            text.Append('-');
        text.AppendClock(Hours, Minutes, Seconds, Microseconds, Precision);
        return text.ToString();
    }
}
