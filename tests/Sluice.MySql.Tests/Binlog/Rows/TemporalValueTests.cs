using Sluice.MySql.Binlog.Rows;
using Xunit;

namespace Sluice.MySql.Tests.Binlog.Rows;

public sealed class TemporalValueTests
{
    [Fact]
    public void Date_converts_only_real_calendar_dates()
    {
        Assert.Equal(new DateOnly(9999, 12, 31), new MySqlDate(9999, 12, 31).ToDateOnly());
        Assert.True(new MySqlDate(0, 0, 0).IsZero);
        Assert.Equal("0000-00-00", new MySqlDate(0, 0, 0).ToString());
        Assert.Throws<InvalidOperationException>(() => new MySqlDate(0, 0, 0).ToDateOnly());
        Assert.Throws<InvalidOperationException>(() => new MySqlDate(2024, 0, 15).ToDateOnly());
        Assert.Throws<InvalidOperationException>(() => new MySqlDate(2023, 2, 29).ToDateOnly());
        Assert.False(new MySqlDate(2024, 4, 31).TryToDateOnly(out _));
    }

    [Theory]
    [InlineData(false, 0, 0, 0, 0, 0, "00:00:00")]
    [InlineData(true, 838, 59, 59, 0, 6, "-838:59:59.000000")]
    [InlineData(true, 0, 0, 0, 500000, 1, "-00:00:00.5")]
    [InlineData(false, 12, 34, 56, 789123, 3, "12:34:56.789")]
    [InlineData(false, 100, 0, 0, 1, 6, "100:00:00.000001")]
    public void Time_prints_exactly_its_precision(bool negative, int h, int m, int s, int micro, int precision, string expected)
    {
        Assert.Equal(expected, new MySqlTime(negative, h, m, s, micro, precision).ToString());
    }

    [Fact]
    public void Time_converts_to_time_span()
    {
        Assert.Equal(TimeSpan.FromTicks(-5_000_000), new MySqlTime(true, 0, 0, 0, 500000, 1).ToTimeSpan());
        Assert.Equal(new TimeSpan(0, 838, 59, 59), new MySqlTime(false, 838, 59, 59, 0, 0).ToTimeSpan());
    }

    [Fact]
    public void DateTime_prints_and_converts()
    {
        var value = new MySqlDateTime(2024, 1, 2, 3, 4, 5, 120000, 2);
        Assert.Equal("2024-01-02 03:04:05.12", value.ToString());
        Assert.Equal(DateTimeKind.Unspecified, value.ToDateTime().Kind);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, 120), value.ToDateTime());
        Assert.Equal("0000-00-00 00:00:00.000", new MySqlDateTime(0, 0, 0, 0, 0, 0, 0, 3).ToString());
        Assert.Throws<InvalidOperationException>(() => new MySqlDateTime(2024, 2, 0, 0, 0, 0, 0, 0).ToDateTime());
    }

    [Fact]
    public void Timestamp_prints_in_utc_and_converts()
    {
        var value = new MySqlTimestamp(1704164645, 123456, 6);
        Assert.Equal("2024-01-02 03:04:05.123456", value.ToString());
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_560), value.ToDateTimeOffset());
        Assert.Equal("0000-00-00 00:00:00", new MySqlTimestamp(0, 0, 0).ToString());
        Assert.Equal("0000-00-00 00:00:00.0", new MySqlTimestamp(0, 0, 1).ToString());
        Assert.False(new MySqlTimestamp(0, 0, 0).TryToDateTimeOffset(out _));
    }

    [Fact]
    public void Out_of_range_parts_still_print()
    {
        Assert.Equal("-2147483648-2147483647-00 00:00:00.999999",
            new MySqlDateTime(int.MinValue, int.MaxValue, 0, 0, 0, 0, int.MaxValue, int.MaxValue).ToString());
        Assert.Equal("--2147483648:-2147483648:00", new MySqlTime(true, int.MinValue, int.MinValue, 0, -5, -1).ToString());
        Assert.Equal("12345-01-01", new MySqlDate(12345, 1, 1).ToString());
        Assert.Equal("@-1.000000", new MySqlTimestamp(-1, 0, 0).ToString());
    }
}
