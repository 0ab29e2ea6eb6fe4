using System.Globalization;

namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// A TIMESTAMP value as the binlog carries it: seconds since the Unix epoch in UTC, independent of the
/// session time zone. Zero seconds is MySQL's zero timestamp "0000-00-00 00:00:00" (the type's range
/// starts at 1970-01-01 00:00:01 UTC, so 0 never stands for the epoch itself).
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/datetime.html</remarks>
/// <param name="UnixSeconds">Seconds since 1970-01-01 00:00:00 UTC; 0 for the zero timestamp.</param>
/// <param name="Microseconds">0..999999.</param>
/// <param name="Precision">Fractional digits of the column (fsp, 0..6).</param>
public readonly record struct MySqlTimestamp(long UnixSeconds, int Microseconds, int Precision)
{
    public bool IsZero => UnixSeconds == 0 && Microseconds == 0;

    /// <summary>The instant in UTC.</summary>
    /// <exception cref="InvalidOperationException">The value is the zero timestamp or out of range.</exception>
    public DateTimeOffset ToDateTimeOffset()
    {
        if (!TryToDateTimeOffset(out var value))
            throw new InvalidOperationException($"MySQL timestamp {this} has no DateTimeOffset equivalent");
        return value;
    }

    public bool TryToDateTimeOffset(out DateTimeOffset value)
    {
        const long maxUnixSeconds = 253_402_300_799; // 9999-12-31 23:59:59 UTC
        if (IsZero || UnixSeconds is < 0 or > maxUnixSeconds || Microseconds is < 0 or > 999_999)
        {
            value = default;
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(UnixSeconds).AddTicks(Microseconds * TimeSpan.TicksPerMicrosecond);
        return true;
    }

    /// <summary>"yyyy-MM-dd HH:mm:ss[.f…]" in UTC, or "0000-00-00 00:00:00[.0…]" for the zero timestamp.</summary>
    public override string ToString()
    {
        if (!TryToDateTimeOffset(out var value))
        {
            return IsZero
                ? new MySqlDateTime(0, 0, 0, 0, 0, 0, 0, Precision).ToString()
                : string.Create(CultureInfo.InvariantCulture, $"@{UnixSeconds}.{Microseconds:D6}");
        }

        var utc = value.UtcDateTime;
        return new MySqlDateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, Microseconds, Precision).ToString();
    }
}
