using Sluice.MySql.Binlog.Rows;
using Xunit;
using static Sluice.MySql.Tests.Binlog.Rows.ColumnFixture;

namespace Sluice.MySql.Tests.Binlog.Rows;

public sealed class TemporalColumnTests
{
    [Theory]
    [InlineData("00", 0)] // YEAR 0 (inserted as 0, printed 0000)
    [InlineData("01", 1901)]
    [InlineData("ff", 2155)]
    [InlineData("7c", 2024)]
    public void Year_is_1900_plus_the_byte_or_zero(string hex, int expected)
    {
        Assert.Equal(expected, Assert.IsType<int>(Decode(Column(ColumnType.Year), hex)));
    }

    [Theory]
    [InlineData("000000", "0000-00-00", 0, 0, 0)]
    [InlineData("9f1f4e", "9999-12-31", 9999, 12, 31)]
    [InlineData("21d007", "1000-01-01", 1000, 1, 1)]
    [InlineData("5dd00f", "2024-02-29", 2024, 2, 29)]
    [InlineData("0fd00f", "2024-00-15", 2024, 0, 15)] // zero month under sql_mode=''
    public void Date_unpacks_day_month_year(string hex, string expected, int year, int month, int day)
    {
        var value = Assert.IsType<MySqlDate>(Decode(Column(ColumnType.Date), hex));
        Assert.Equal(new MySqlDate(year, month, day), value);
        Assert.Equal(expected, value.ToString());
        Assert.Equal(value, Decode(Column(ColumnType.NewDate), hex));
    }

    [Theory]
    [InlineData("f01f4e")] // month 15
    [InlineData("0000ff")] // year 32640
    [InlineData("0000")]
    public void Impossible_dates_throw(string hex)
    {
        DecodeFails(Column(ColumnType.Date), hex);
    }

    // TIME2 with metadata fsp; MariaDB 10.11 wrote these (mysql56_temporal_format=ON).
    [Theory]
    [InlineData(0, "4b9105", "-838:59:59")] // '-838:59:59'
    [InlineData(0, "b46efb", "838:59:59")] // '838:59:59'
    [InlineData(0, "800000", "00:00:00")] // '00:00:00'
    [InlineData(0, "7fffff", "-00:00:01")] // '-00:00:01.000001'
    [InlineData(0, "80c8b8", "12:34:56")] // '12:34:56.789123'
    [InlineData(0, "7f3748", "-12:34:56")] // '-12:34:56.789123'
    [InlineData(1, "4b910500", "-838:59:59.0")] // '-838:59:59'
    [InlineData(1, "b46efb00", "838:59:59.0")] // '838:59:59'
    [InlineData(1, "80000000", "00:00:00.0")] // '00:00:00'
    [InlineData(1, "7fffffce", "-00:00:00.5")] // '-00:00:00.5'
    [InlineData(1, "7fffff00", "-00:00:01.0")] // '-00:00:01.000001'
    [InlineData(1, "80c8b846", "12:34:56.7")] // '12:34:56.789123'
    [InlineData(1, "7f3747ba", "-12:34:56.7")] // '-12:34:56.789123'
    [InlineData(2, "4b910500", "-838:59:59.00")] // '-838:59:59'
    [InlineData(2, "b46efb00", "838:59:59.00")] // '838:59:59'
    [InlineData(2, "80000000", "00:00:00.00")] // '00:00:00'
    [InlineData(2, "7fffffce", "-00:00:00.50")] // '-00:00:00.5'
    [InlineData(2, "7fffff00", "-00:00:01.00")] // '-00:00:01.000001'
    [InlineData(2, "80c8b84e", "12:34:56.78")] // '12:34:56.789123'
    [InlineData(2, "7f3747b2", "-12:34:56.78")] // '-12:34:56.789123'
    [InlineData(3, "4b91050000", "-838:59:59.000")] // '-838:59:59'
    [InlineData(3, "b46efb0000", "838:59:59.000")] // '838:59:59'
    [InlineData(3, "8000000000", "00:00:00.000")] // '00:00:00'
    [InlineData(3, "7fffffec78", "-00:00:00.500")] // '-00:00:00.5'
    [InlineData(3, "7fffff0000", "-00:00:01.000")] // '-00:00:01.000001'
    [InlineData(3, "80c8b81ed2", "12:34:56.789")] // '12:34:56.789123'
    [InlineData(3, "7f3747e12e", "-12:34:56.789")] // '-12:34:56.789123'
    [InlineData(4, "4b91050000", "-838:59:59.0000")] // '-838:59:59'
    [InlineData(4, "b46efb0000", "838:59:59.0000")] // '838:59:59'
    [InlineData(4, "8000000000", "00:00:00.0000")] // '00:00:00'
    [InlineData(4, "7fffffec78", "-00:00:00.5000")] // '-00:00:00.5'
    [InlineData(4, "7fffff0000", "-00:00:01.0000")] // '-00:00:01.000001'
    [InlineData(4, "80c8b81ed3", "12:34:56.7891")] // '12:34:56.789123'
    [InlineData(4, "7f3747e12d", "-12:34:56.7891")] // '-12:34:56.789123'
    [InlineData(5, "4b9105000000", "-838:59:59.00000")] // '-838:59:59'
    [InlineData(5, "b46efb000000", "838:59:59.00000")] // '838:59:59'
    [InlineData(5, "800000000000", "00:00:00.00000")] // '00:00:00'
    [InlineData(5, "7ffffff85ee0", "-00:00:00.50000")] // '-00:00:00.5'
    [InlineData(5, "7fffff000000", "-00:00:01.00000")] // '-00:00:01.000001'
    [InlineData(5, "80c8b80c0a80", "12:34:56.78912")] // '12:34:56.789123'
    [InlineData(5, "7f3747f3f580", "-12:34:56.78912")] // '-12:34:56.789123'
    [InlineData(6, "4b9105000000", "-838:59:59.000000")] // '-838:59:59'
    [InlineData(6, "b46efb000000", "838:59:59.000000")] // '838:59:59'
    [InlineData(6, "800000000000", "00:00:00.000000")] // '00:00:00'
    [InlineData(6, "7ffffff85ee0", "-00:00:00.500000")] // '-00:00:00.5'
    [InlineData(6, "7ffffeffffff", "-00:00:01.000001")] // '-00:00:01.000001'
    [InlineData(6, "80c8b80c0a83", "12:34:56.789123")] // '12:34:56.789123'
    [InlineData(6, "7f3747f3f57d", "-12:34:56.789123")] // '-12:34:56.789123'
    public void Time2_decodes_each_precision(int fsp, string hex, string expected)
    {
        var value = Assert.IsType<MySqlTime>(Decode(Column(ColumnType.Time2, (ushort)fsp), hex));
        Assert.Equal(expected, value.ToString());
        Assert.Equal(fsp, value.Precision);
    }

    [Fact]
    public void Time2_parts_and_time_span()
    {
        var min = Assert.IsType<MySqlTime>(Decode(Column(ColumnType.Time2, 6), "4b9105000000"));
        Assert.Equal(new MySqlTime(true, 838, 59, 59, 0, 6), min);
        Assert.Equal("-838:59:59.000000", min.ToString());
        Assert.Equal(-new TimeSpan(0, 838, 59, 59), min.ToTimeSpan());

        var small = Assert.IsType<MySqlTime>(Decode(Column(ColumnType.Time2, 6), "7ffffeffffff"));
        Assert.Equal(new MySqlTime(true, 0, 0, 1, 1, 6), small);
        Assert.Equal(TimeSpan.FromTicks(-10_000_010), small.ToTimeSpan());
    }

    [Theory]
    [InlineData(0, "b47000")] // 839:00:00, beyond TIME's range
    [InlineData(0, "80003c")] // seconds 60
    [InlineData(1, "800000ff")] // fraction byte 255 -> 2.55 s
    [InlineData(3, "80000027")] // one fraction byte short
    [InlineData(6, "8000000f4240")] // 1000000 microseconds
    public void Impossible_time2_values_throw(int fsp, string hex)
    {
        DecodeFails(Column(ColumnType.Time2, (ushort)fsp), hex);
    }

    // The pre-5.6 types (MySQL 5.5 tables, MariaDB with mysql56_temporal_format=OFF); bytes derived from their
    // documented packing: TIME = ±(HH*10000+MM*100+SS) in 3 bytes, DATETIME = YYYYMMDDhhmmss in 8 bytes,
    // TIMESTAMP = Unix seconds in 4 bytes, all little-endian.
    [Theory]
    [InlineData("000000", "00:00:00")]
    [InlineData("a7f57f", "838:59:59")] // 8385959
    [InlineData("590a80", "-838:59:59")] // -8385959
    [InlineData("40e201", "12:34:56")] // 123456
    [InlineData("fbffff", "-00:00:05")] // -5
    public void Old_time_is_hhmmss_as_an_integer(string hex, string expected)
    {
        var value = Assert.IsType<MySqlTime>(Decode(Column(ColumnType.Time), hex));
        Assert.Equal(expected, value.ToString());
        Assert.Equal(0, value.Precision);
    }

    [Theory]
    [InlineData("0000000000000000", "0000-00-00 00:00:00")]
    [InlineData("457c178468120000", "2024-01-02 03:04:05")] // 20240102030405
    [InlineData("7787d105f15a0000", "9999-12-31 23:59:59")] // 99991231235959
    public void Old_datetime_is_yyyymmddhhmmss_as_an_integer(string hex, string expected)
    {
        Assert.Equal(expected, Assert.IsType<MySqlDateTime>(Decode(Column(ColumnType.DateTime), hex)).ToString());
    }

    [Theory]
    [InlineData("00000000", "0000-00-00 00:00:00")]
    [InlineData("ffffff7f", "2038-01-19 03:14:07")]
    [InlineData("01000000", "1970-01-01 00:00:01")]
    public void Old_timestamp_is_unix_seconds(string hex, string expected)
    {
        Assert.Equal(expected, Assert.IsType<MySqlTimestamp>(Decode(Column(ColumnType.Timestamp), hex)).ToString());
    }

    [Theory]
    [InlineData(ColumnType.Time, "701700")] // 00:60:00
    [InlineData(ColumnType.Time, "ffff7f")] // 838:86:07
    [InlineData(ColumnType.DateTime, "45089ecb68120000")] // month 13
    [InlineData(ColumnType.DateTime, "ffffffffffffffff")]
    [InlineData(ColumnType.Timestamp, "ffffff")]
    public void Impossible_old_temporal_values_throw(ColumnType type, string hex)
    {
        DecodeFails(Column(type), hex);
    }

    // DATETIME2 with metadata fsp.
    [Theory]
    [InlineData(0, "8000000000", "0000-00-00 00:00:00")] // '0000-00-00 00:00:00'
    [InlineData(0, "fef3ff7efb", "9999-12-31 23:59:59")] // '9999-12-31 23:59:59.999999'
    [InlineData(0, "99b2443105", "2024-01-02 03:04:05")] // '2024-01-02 03:04:05.123456'
    [InlineData(0, "8cb2420000", "1000-01-01 00:00:00")] // '1000-01-01 00:00:00'
    [InlineData(1, "800000000000", "0000-00-00 00:00:00.0")] // '0000-00-00 00:00:00'
    [InlineData(1, "fef3ff7efb5a", "9999-12-31 23:59:59.9")] // '9999-12-31 23:59:59.999999'
    [InlineData(1, "99b24431050a", "2024-01-02 03:04:05.1")] // '2024-01-02 03:04:05.123456'
    [InlineData(1, "8cb242000000", "1000-01-01 00:00:00.0")] // '1000-01-01 00:00:00'
    [InlineData(2, "800000000000", "0000-00-00 00:00:00.00")] // '0000-00-00 00:00:00'
    [InlineData(2, "fef3ff7efb63", "9999-12-31 23:59:59.99")] // '9999-12-31 23:59:59.999999'
    [InlineData(2, "99b24431050c", "2024-01-02 03:04:05.12")] // '2024-01-02 03:04:05.123456'
    [InlineData(2, "8cb242000000", "1000-01-01 00:00:00.00")] // '1000-01-01 00:00:00'
    [InlineData(3, "80000000000000", "0000-00-00 00:00:00.000")] // '0000-00-00 00:00:00'
    [InlineData(3, "fef3ff7efb2706", "9999-12-31 23:59:59.999")] // '9999-12-31 23:59:59.999999'
    [InlineData(3, "99b244310504ce", "2024-01-02 03:04:05.123")] // '2024-01-02 03:04:05.123456'
    [InlineData(3, "8cb24200000000", "1000-01-01 00:00:00.000")] // '1000-01-01 00:00:00'
    [InlineData(4, "80000000000000", "0000-00-00 00:00:00.0000")] // '0000-00-00 00:00:00'
    [InlineData(4, "fef3ff7efb270f", "9999-12-31 23:59:59.9999")] // '9999-12-31 23:59:59.999999'
    [InlineData(4, "99b244310504d2", "2024-01-02 03:04:05.1234")] // '2024-01-02 03:04:05.123456'
    [InlineData(4, "8cb24200000000", "1000-01-01 00:00:00.0000")] // '1000-01-01 00:00:00'
    [InlineData(5, "8000000000000000", "0000-00-00 00:00:00.00000")] // '0000-00-00 00:00:00'
    [InlineData(5, "fef3ff7efb0f4236", "9999-12-31 23:59:59.99999")] // '9999-12-31 23:59:59.999999'
    [InlineData(5, "99b244310501e23a", "2024-01-02 03:04:05.12345")] // '2024-01-02 03:04:05.123456'
    [InlineData(5, "8cb2420000000000", "1000-01-01 00:00:00.00000")] // '1000-01-01 00:00:00'
    [InlineData(6, "8000000000000000", "0000-00-00 00:00:00.000000")] // '0000-00-00 00:00:00'
    [InlineData(6, "fef3ff7efb0f423f", "9999-12-31 23:59:59.999999")] // '9999-12-31 23:59:59.999999'
    [InlineData(6, "99b244310501e240", "2024-01-02 03:04:05.123456")] // '2024-01-02 03:04:05.123456'
    [InlineData(6, "8cb2420000000000", "1000-01-01 00:00:00.000000")] // '1000-01-01 00:00:00'
    public void DateTime2_decodes_each_precision(int fsp, string hex, string expected)
    {
        var value = Assert.IsType<MySqlDateTime>(Decode(Column(ColumnType.DateTime2, (ushort)fsp), hex));
        Assert.Equal(expected, value.ToString());
        Assert.Equal(fsp, value.Precision);
    }

    [Fact]
    public void DateTime2_parts_and_conversion()
    {
        var value = Assert.IsType<MySqlDateTime>(Decode(Column(ColumnType.DateTime2, 6), "99b244310501e240"));
        Assert.Equal(new MySqlDateTime(2024, 1, 2, 3, 4, 5, 123456, 6), value);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified).AddTicks(1_234_560), value.ToDateTime());

        var zero = Assert.IsType<MySqlDateTime>(Decode(Column(ColumnType.DateTime2, 0), "8000000000"));
        Assert.True(zero.IsZero);
        Assert.Throws<InvalidOperationException>(() => zero.ToDateTime());
    }

    [Theory]
    [InlineData(0, "7fffffffff")] // negative packed value
    [InlineData(0, "fef3ff7efc")] // second 60
    [InlineData(1, "800000000064")] // fraction 100 hundredths
    [InlineData(2, "8000000000ff")] // fraction -1
    [InlineData(6, "80000000000f4240")] // 1000000 microseconds
    [InlineData(4, "800000000000")] // one fraction byte short
    public void Impossible_datetime2_values_throw(int fsp, string hex)
    {
        DecodeFails(Column(ColumnType.DateTime2, (ushort)fsp), hex);
    }

    // TIMESTAMP2 with metadata fsp, written with time_zone='+00:00'.
    [Theory]
    [InlineData(0, "00000000", "0000-00-00 00:00:00")] // '0000-00-00 00:00:00'
    [InlineData(0, "7fffffff", "2038-01-19 03:14:07")] // '2038-01-19 03:14:07.999999'
    [InlineData(0, "00000001", "1970-01-01 00:00:01")] // '1970-01-01 00:00:01'
    [InlineData(0, "65937d25", "2024-01-02 03:04:05")] // '2024-01-02 03:04:05.123456'
    [InlineData(1, "0000000000", "0000-00-00 00:00:00.0")] // '0000-00-00 00:00:00'
    [InlineData(1, "7fffffff5a", "2038-01-19 03:14:07.9")] // '2038-01-19 03:14:07.999999'
    [InlineData(1, "0000000100", "1970-01-01 00:00:01.0")] // '1970-01-01 00:00:01'
    [InlineData(1, "65937d250a", "2024-01-02 03:04:05.1")] // '2024-01-02 03:04:05.123456'
    [InlineData(2, "0000000000", "0000-00-00 00:00:00.00")] // '0000-00-00 00:00:00'
    [InlineData(2, "7fffffff63", "2038-01-19 03:14:07.99")] // '2038-01-19 03:14:07.999999'
    [InlineData(2, "0000000100", "1970-01-01 00:00:01.00")] // '1970-01-01 00:00:01'
    [InlineData(2, "65937d250c", "2024-01-02 03:04:05.12")] // '2024-01-02 03:04:05.123456'
    [InlineData(3, "000000000000", "0000-00-00 00:00:00.000")] // '0000-00-00 00:00:00'
    [InlineData(3, "7fffffff2706", "2038-01-19 03:14:07.999")] // '2038-01-19 03:14:07.999999'
    [InlineData(3, "000000010000", "1970-01-01 00:00:01.000")] // '1970-01-01 00:00:01'
    [InlineData(3, "65937d2504ce", "2024-01-02 03:04:05.123")] // '2024-01-02 03:04:05.123456'
    [InlineData(4, "000000000000", "0000-00-00 00:00:00.0000")] // '0000-00-00 00:00:00'
    [InlineData(4, "7fffffff270f", "2038-01-19 03:14:07.9999")] // '2038-01-19 03:14:07.999999'
    [InlineData(4, "000000010000", "1970-01-01 00:00:01.0000")] // '1970-01-01 00:00:01'
    [InlineData(4, "65937d2504d2", "2024-01-02 03:04:05.1234")] // '2024-01-02 03:04:05.123456'
    [InlineData(5, "00000000000000", "0000-00-00 00:00:00.00000")] // '0000-00-00 00:00:00'
    [InlineData(5, "7fffffff0f4236", "2038-01-19 03:14:07.99999")] // '2038-01-19 03:14:07.999999'
    [InlineData(5, "00000001000000", "1970-01-01 00:00:01.00000")] // '1970-01-01 00:00:01'
    [InlineData(5, "65937d2501e23a", "2024-01-02 03:04:05.12345")] // '2024-01-02 03:04:05.123456'
    [InlineData(6, "00000000000000", "0000-00-00 00:00:00.000000")] // '0000-00-00 00:00:00'
    [InlineData(6, "7fffffff0f423f", "2038-01-19 03:14:07.999999")] // '2038-01-19 03:14:07.999999'
    [InlineData(6, "00000001000000", "1970-01-01 00:00:01.000000")] // '1970-01-01 00:00:01'
    [InlineData(6, "65937d2501e240", "2024-01-02 03:04:05.123456")] // '2024-01-02 03:04:05.123456'
    public void Timestamp2_decodes_each_precision(int fsp, string hex, string expected)
    {
        var value = Assert.IsType<MySqlTimestamp>(Decode(Column(ColumnType.Timestamp2, (ushort)fsp), hex));
        Assert.Equal(expected, value.ToString());
        Assert.Equal(fsp, value.Precision);
    }

    [Fact]
    public void Timestamp2_parts_and_conversion()
    {
        var value = Assert.IsType<MySqlTimestamp>(Decode(Column(ColumnType.Timestamp2, 6), "7fffffff0f423f"));
        Assert.Equal(new MySqlTimestamp(2147483647, 999999, 6), value);
        Assert.Equal(new DateTimeOffset(2038, 1, 19, 3, 14, 7, TimeSpan.Zero).AddTicks(9_999_990), value.ToDateTimeOffset());

        var zero = Assert.IsType<MySqlTimestamp>(Decode(Column(ColumnType.Timestamp2, 3), "000000000000"));
        Assert.True(zero.IsZero);
        Assert.Throws<InvalidOperationException>(() => zero.ToDateTimeOffset());
    }

    [Theory]
    [InlineData(2, "0000000164")] // 100 hundredths
    [InlineData(4, "00000001ffff")] // negative fraction
    [InlineData(6, "000000010f4240")] // 1000000 microseconds
    [InlineData(0, "000000")]
    public void Impossible_timestamp2_values_throw(int fsp, string hex)
    {
        DecodeFails(Column(ColumnType.Timestamp2, (ushort)fsp), hex);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(255)]
    public void Fractional_precision_above_6_fails_when_a_value_is_read(int fsp)
    {
        DecodeFails(Column(ColumnType.Time2, (ushort)fsp), "80000000000000");
        DecodeFails(Column(ColumnType.DateTime2, (ushort)fsp), "80000000000000");
        DecodeFails(Column(ColumnType.Timestamp2, (ushort)fsp), "80000000000000");
    }
}
