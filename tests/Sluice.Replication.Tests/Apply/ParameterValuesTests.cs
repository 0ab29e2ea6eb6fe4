using System.Text;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;
using static Sluice.Replication.Tests.Apply.Columns;

namespace Sluice.Replication.Tests.Apply;

public sealed class ParameterValuesTests
{
    private static readonly Encoding Latin1 = Charsets.FromCharsetName("latin1")!;

    public static TheoryData<string, ColumnInfo, object?, object> Cases() => new()
    {
        { "NULL", Int(0, "i"), null, DBNull.Value },
        { "signed", Int(0, "i"), -5L, -5L },
        { "unsigned", Of(0, "u", ColumnType.LongLong), ulong.MaxValue, ulong.MaxValue },
        { "float widens to the double of the same value", Of(0, "f", ColumnType.Float), 0.1f, (double)0.1f },
        { "double", Of(0, "d", ColumnType.Double), 0.1, 0.1 },
        { "decimal as exact text", Decimal(0, "d", 65, 30), MySqlDecimal.Parse("-0.000000000000000000000000000001"), "-0.000000000000000000000000000001" },
        { "zero date", Of(0, "d", ColumnType.Date), new MySqlDate(0, 0, 0), "0000-00-00" },
        { "date with a zero part", Of(0, "d", ColumnType.Date), new MySqlDate(2024, 0, 15), "2024-00-15" },
        { "zero datetime(6)", Of(0, "d", ColumnType.DateTime2, 6), new MySqlDateTime(0, 0, 0, 0, 0, 0, 0, 6), "0000-00-00 00:00:00.000000" },
        { "datetime(3)", Of(0, "d", ColumnType.DateTime2, 3), new MySqlDateTime(9999, 12, 31, 23, 59, 59, 999_000, 3), "9999-12-31 23:59:59.999" },
        { "negative time below a second", Of(0, "t", ColumnType.Time2, 1), new MySqlTime(true, 0, 0, 0, 100_000, 1), "-00:00:00.1" },
        { "time at its range end", Of(0, "t", ColumnType.Time2), new MySqlTime(true, 838, 59, 59, 0, 0), "-838:59:59" },
        { "timestamp as UTC text", Of(0, "t", ColumnType.Timestamp2, 2), new MySqlTimestamp(2_147_483_647, 990_000, 2), "2038-01-19 03:14:07.99" },
        { "zero timestamp", Of(0, "t", ColumnType.Timestamp2), new MySqlTimestamp(0, 0, 0), "0000-00-00 00:00:00" },
        { "year", Of(0, "y", ColumnType.Year), 2155, 2155 },
        { "bit", Of(0, "b", ColumnType.Bit, 0x0800), 0x8000000000000000UL, 0x8000000000000000UL },
        { "enum member as its index", EnumColumn(), "c", 3 },
        { "enum error value as index 0", EnumColumn(), "", 0 },
        { "enum index when names are unknown", Of(0, "e", ColumnType.Enum), 2, 2 },
        { "set members as their bitmask", SetColumn(), "x,z", 5L },
        { "empty set", SetColumn(), "", 0L },
        { "a set's 64th member as the sign bit", Set64Column(), "s0,s63", unchecked((long)0x8000000000000001UL) },
        { "a set's bitmask when names are unknown", Of(0, "s", ColumnType.Set), 0x8000000000000000UL, long.MinValue },
        { "utf-8 text as a string", Text(0, "s"), "héllo 🚀", "héllo 🚀" },
        { "latin1 text as its latin1 bytes", Text(0, "s", Latin1), "café€", Latin1.GetBytes("café€") },
        { "utf-16 text as its big-endian bytes", Text(0, "s", Encoding.BigEndianUnicode), "ж", new byte[] { 0x04, 0x36 } },
        { "bytes as they are", Of(0, "b", ColumnType.Blob, 2), new byte[] { 0, 0xFF }, new byte[] { 0, 0xFF } },
        { "json text", Of(0, "j", ColumnType.Json, 4), "{\"a\": 1}", "{\"a\": 1}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decoded_values_become_parameter_values(string what, ColumnInfo column, object? value, object expected)
    {
        var actual = ParameterValues.ToParameterValue(column, value);

        Assert.True(Equals(expected, actual) || (expected is byte[] e && actual is byte[] a && e.AsSpan().SequenceEqual(a)),
            $"{what}: expected {expected} ({expected.GetType().Name}), got {actual} ({actual.GetType().Name})");
    }

    [Fact]
    public void Key_expressions_cast_decimal_and_json_only()
    {
        Assert.Equal("CAST(@p0 AS DECIMAL(10,2))", ParameterValues.KeyExpression(Decimal(0, "d", 10, 2), "@p0"));
        Assert.Equal("CAST(@p1 AS JSON)", ParameterValues.KeyExpression(Of(0, "j", ColumnType.Json, 4), "@p1"));
        Assert.Equal("@p2", ParameterValues.KeyExpression(Int(0, "i"), "@p2"));
        Assert.Equal("@p3", ParameterValues.KeyExpression(Text(0, "s"), "@p3"));
    }

    private static ColumnInfo EnumColumn() => new()
    {
        Index = 0, Name = "e", Type = ColumnType.Enum, WireType = ColumnType.String, Metadata = 0xF701, EnumValues = ["a", "b", "c"],
    };

    private static ColumnInfo Set64Column() => new()
    {
        Index = 0, Name = "s", Type = ColumnType.Set, WireType = ColumnType.String, Metadata = 0xF808,
        SetValues = [.. Enumerable.Range(0, 64).Select(i => "s" + i)],
    };

    private static ColumnInfo SetColumn() => new()
    {
        Index = 0, Name = "s", Type = ColumnType.Set, WireType = ColumnType.String, Metadata = 0xF801, SetValues = ["x", "y", "z"],
    };
}
