using System.Text;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;
using static Sluice.Replication.Tests.Apply.Columns;

namespace Sluice.Replication.Tests.Apply;

/// <summary>Golden literals of <see cref="SqlValueWriter"/>: every value type, and strings built to break quoting.</summary>
public sealed class SqlValueWriterTests
{
    private static readonly Encoding Latin1 = Charsets.FromCharsetName("latin1")!;

    public static TheoryData<string, ColumnInfo, object?, string> Cases() => new()
    {
        { "NULL", Int(0, "i"), null, "NULL" },
        { "signed", Int(0, "i"), -5L, "-5" },
        { "smallest signed", Int(0, "i"), long.MinValue, "-9223372036854775808" },
        { "unsigned", Of(0, "u", ColumnType.LongLong), ulong.MaxValue, "18446744073709551615" },
        { "double, shortest round trip", Of(0, "d", ColumnType.Double), 0.1, "0.1" },
        { "small double in exponent form", Of(0, "d", ColumnType.Double), 1e-5, "1E-05" },
        { "largest double", Of(0, "d", ColumnType.Double), double.MaxValue, "1.7976931348623157E+308" },
        { "smallest normal double", Of(0, "d", ColumnType.Double), -2.2250738585072014e-308, "-2.2250738585072014E-308" },
        { "negative zero", Of(0, "d", ColumnType.Double), -0.0, "-0" },
        { "float widens to the double of the same value", Of(0, "f", ColumnType.Float), 0.1f, "0.10000000149011612" },
        { "largest float", Of(0, "f", ColumnType.Float), float.MaxValue, "3.4028234663852886E+38" },
        { "decimal as exact quoted text", Decimal(0, "d", 65, 30), MySqlDecimal.Parse("-0.000000000000000000000000000001"), "'-0.000000000000000000000000000001'" },
        { "decimal keeps its scale", Decimal(0, "d", 10, 2), MySqlDecimal.Parse("1.50"), "'1.50'" },
        { "zero date", Of(0, "d", ColumnType.Date), new MySqlDate(0, 0, 0), "'0000-00-00'" },
        { "date with a zero part", Of(0, "d", ColumnType.Date), new MySqlDate(2024, 0, 15), "'2024-00-15'" },
        { "datetime(6)", Of(0, "d", ColumnType.DateTime2, 6), new MySqlDateTime(2026, 11, 25, 12, 34, 56, 123_456, 6), "'2026-11-25 12:34:56.123456'" },
        { "negative time below a second", Of(0, "t", ColumnType.Time2, 1), new MySqlTime(true, 0, 0, 0, 100_000, 1), "'-00:00:00.1'" },
        { "time at its range end", Of(0, "t", ColumnType.Time2), new MySqlTime(true, 838, 59, 59, 0, 0), "'-838:59:59'" },
        { "timestamp as UTC text", Of(0, "t", ColumnType.Timestamp2, 2), new MySqlTimestamp(2_147_483_647, 990_000, 2), "'2038-01-19 03:14:07.99'" },
        { "zero timestamp", Of(0, "t", ColumnType.Timestamp2), new MySqlTimestamp(0, 0, 0), "'0000-00-00 00:00:00'" },
        { "year", Of(0, "y", ColumnType.Year), 2155, "2155" },
        { "bit as a number", Of(0, "b", ColumnType.Bit, 0x0800), 0x8000000000000000UL, "9223372036854775808" },
        { "enum member as its index", EnumColumn(), "c", "3" },
        { "enum error value as index 0", EnumColumn(), "", "0" },
        { "enum member that is not known goes by name", EnumColumn(), "zz", "'zz'" },
        { "enum index when names are unknown", Of(0, "e", ColumnType.Enum), 2, "2" },
        { "set members as their bitmask", SetColumn(), "x,z", "5" },
        { "empty set", SetColumn(), "", "0" },
        { "a set's 64th member as the sign bit", Set64Column(), "s0,s63", "-9223372036854775807" },
        { "a set's bitmask when names are unknown", Of(0, "s", ColumnType.Set), 0x8000000000000000UL, "-9223372036854775808" },
        { "utf-8 text", Text(0, "s"), "héllo 🚀", "'héllo 🚀'" },
        { "empty text", Text(0, "s"), "", "''" },
        { "latin1 text as its latin1 bytes", Text(0, "s", Latin1), "café€", "X'636166E980'" },
        { "empty latin1 text", Text(0, "s", Latin1), "", "''" },
        { "utf-16 text as its big-endian bytes", Text(0, "s", Encoding.BigEndianUnicode), "ж", "X'0436'" },
        { "bytes in hex", Of(0, "b", ColumnType.Blob, 2), new byte[] { 0, 0x1F, 0xAB, 0xFF }, "X'001FABFF'" },
        { "no bytes", Of(0, "b", ColumnType.Blob, 2), Array.Empty<byte>(), "''" },
        { "json text", Of(0, "j", ColumnType.Json, 4), "{\"a\": \"x\"}", "'{\"a\": \"x\"}'" },
        { "json text with an escape", Of(0, "j", ColumnType.Json, 4), "[\"\\\"\"]", "_utf8mb4 X'5B225C22225D'" },
        // Hostile strings: only a quote is escaped (doubled); a backslash sends the string as hex.
        { "a quote", Text(0, "s"), "it's", "'it''s'" },
        { "only quotes", Text(0, "s"), "''", "''''''" },
        { "a quote at either end", Text(0, "s"), "'x'", "'''x'''" },
        { "a backslash", Text(0, "s"), "a\\b", "_utf8mb4 X'615C62'" },
        { "a string ending in a backslash", Text(0, "s"), "end\\", "_utf8mb4 X'656E645C'" },
        { "a backslash before a quote", Text(0, "s"), "\\'", "_utf8mb4 X'5C27'" },
        { "NUL, Ctrl-Z and line breaks as they are", Text(0, "s"), "a\0b\u001Ac\r\nd\te", "'a\0b\u001Ac\r\nd\te'" },
        { "what looks like placeholders, comments and statement ends", Text(0, "s"), "? @p ?x -- # /* */ ; `", "'? @p ?x -- # /* */ ; `'" },
        { "double quotes", Text(0, "s"), "\"q\"", "'\"q\"'" },
        { "a 4-byte character", Text(0, "s"), "🚀", "'🚀'" },
        { "a lone surrogate stays for the UTF-8 encoding to replace", Text(0, "s"), "a\uD800b", "'a\uD800b'" },
        { "a lone surrogate with a backslash", Text(0, "s"), "\uDC00\\", "_utf8mb4 X'EFBFBD5C'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Values_become_their_literals(string what, ColumnInfo column, object? value, string expected)
    {
        Assert.True(expected == SqlValueWriter.Literal(column, value), $"{what}: {SqlValueWriter.Literal(column, value)}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_size_counted_is_the_utf8_size_sent(string what, ColumnInfo column, object? value, string expected)
    {
        using var text = new SqlTextBuffer(1);
        text.AppendAscii("x");
        SqlValueWriter.Append(text, column, value);

        Assert.True(Encoding.UTF8.GetByteCount("x" + expected) == text.ByteCount, $"{what}: {text.ByteCount} bytes");
    }

    [Fact]
    public void Multi_byte_and_lone_surrogate_text_goes_as_these_utf8_bytes()
    {
        Assert.Equal([0x27, 0xF0, 0x9F, 0x9A, 0x80, 0x27], Encoding.UTF8.GetBytes(SqlValueWriter.Literal(Text(0, "s"), "🚀")));
        Assert.Equal([0x27, 0x61, 0xEF, 0xBF, 0xBD, 0x62, 0x27], Encoding.UTF8.GetBytes(SqlValueWriter.Literal(Text(0, "s"), "a\uD800b")));
        Assert.Equal([0x27, 0x00, 0x1A, 0x27, 0x27, 0x27], Encoding.UTF8.GetBytes(SqlValueWriter.Literal(Text(0, "s"), "\0\u001A'")));
    }

    [Fact]
    public void Large_values_are_written_whole()
    {
        var bytes = new byte[100_000];
        new Random(1).NextBytes(bytes);
        var text = new string('é', 70_000) + "'";

        Assert.Equal("X'" + Convert.ToHexString(bytes) + "'", SqlValueWriter.Literal(Of(0, "b", ColumnType.Blob, 4), bytes));
        Assert.Equal("'" + new string('é', 70_000) + "'''", SqlValueWriter.Literal(Text(0, "s"), text));
    }

    [Fact]
    public void Key_literals_cast_decimal_and_json_only()
    {
        Assert.Equal("CAST('1.5' AS DECIMAL(65,30))", SqlValueWriter.KeyLiteral(Decimal(0, "d", 65, 30), MySqlDecimal.Parse("1.5")));
        Assert.Equal("CAST('{}' AS JSON)", SqlValueWriter.KeyLiteral(Of(0, "j", ColumnType.Json, 4), "{}"));
        Assert.Equal("CAST(_utf8mb4 X'225C6E22' AS JSON)", SqlValueWriter.KeyLiteral(Of(0, "j", ColumnType.Json, 4), "\"\\n\""));
        Assert.Equal("7", SqlValueWriter.KeyLiteral(Int(0, "i"), 7L));
        Assert.Equal("'k'", SqlValueWriter.KeyLiteral(Text(0, "s"), "k"));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Values_mysql_cannot_hold_are_refused(double value)
    {
        Assert.Throws<ArgumentException>(() => SqlValueWriter.Literal(Of(0, "d", ColumnType.Double), value));
        Assert.Throws<ArgumentException>(() => SqlValueWriter.Literal(Of(0, "f", ColumnType.Float), (float)value));
    }

    [Fact]
    public void Values_of_types_the_decoder_does_not_produce_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SqlValueWriter.Literal(Int(0, "i"), Guid.Empty));
        Assert.Throws<ArgumentException>(() => SqlValueWriter.Literal(Int(0, "i"), 1.5m));
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
