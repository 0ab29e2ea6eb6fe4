using System.Globalization;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Codecs.Debezium;

/// <summary>
/// Debezium's temporal encodings: DATE as days since the epoch, DATETIME as epoch milliseconds (fsp ≤ 3) or
/// microseconds read in UTC, TIMESTAMP as an ISO-8601 UTC string, TIME as microseconds.
/// </summary>
/// <remarks>https://debezium.io/documentation/reference/stable/connectors/mysql.html#mysql-temporal-types</remarks>
internal static class DebeziumTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Days since 1970-01-01; null for a zero or invalid date.</summary>
    public static long? EpochDays(MySqlDate date) =>
        date.TryToDateOnly(out var d) ? d.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber : null;

    /// <summary>Epoch milliseconds (fsp ≤ 3) or microseconds of a DATETIME read as UTC; null for a zero or invalid one.</summary>
    public static long? EpochValue(MySqlDateTime value, int fsp)
    {
        if (!value.TryToDateTime(out var time))
            return null;
        var ticks = time.Ticks - DateTime.UnixEpoch.Ticks;
        return fsp <= 3 ? FloorDiv(ticks, TimeSpan.TicksPerMillisecond) : FloorDiv(ticks, TicksPerMicrosecond);
    }

    /// <summary>"2024-01-15T10:00:00.123Z" with the column's fsp digits; the zero timestamp as the epoch.</summary>
    public static string ZonedTimestamp(MySqlTimestamp value, int fsp)
    {
        if (!value.TryToDateTimeOffset(out var time))
            return "1970-01-01T00:00:00Z";
        var text = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (fsp > 0)
            text += "." + value.Microseconds.ToString("D6", CultureInfo.InvariantCulture)[..Math.Min(fsp, 6)];
        return text + "Z";
    }

    public static long MicroTime(MySqlTime value) => value.ToTimeSpan().Ticks / TicksPerMicrosecond;

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return a % b != 0 && (a < 0) != (b < 0) ? q - 1 : q;
    }
}
