using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Sluice.MySql.Binlog.Rows;
using Xunit;

namespace Sluice.MySql.Tests.Binlog.Rows;

/// <summary>
/// Hand-built documents in MySQL's binary JSON (json_binary.h). Each fixture's comment gives the JSON it
/// encodes; offsets inside a container count from just after its type byte.
/// </summary>
public sealed class JsonBinaryTests
{
    public static TheoryData<string, string> Scalars => new()
    {
        { "04 00", "null" },
        { "04 01", "true" },
        { "04 02", "false" },
        { "05 FF FF", "-1" }, // int16
        { "05 00 80", "-32768" },
        { "06 FF FF", "65535" }, // uint16
        { "07 60 79 FE FF", "-100000" }, // int32
        { "08 FF FF FF FF", "4294967295" }, // uint32
        { "09 FE FF FF FF FF FF FF FF", "-2" }, // int64
        { "09 00 00 00 00 00 00 00 80", "-9223372036854775808" },
        { "0A FF FF FF FF FF FF FF FF", "18446744073709551615" }, // uint64
        { "0B 00 00 00 00 00 00 0C 40", "3.5" }, // double 3.5 = 0x400C000000000000
        { "0C 05 68 65 6C 6C 6F", "\"hello\"" }, // string: 1-byte length 5, "hello"
        { "0C 00", "\"\"" },
        // "a\"b\\c\n\u0001é": quotes, backslashes and control characters escaped as MySQL's double_quote() does.
        { "0C 09 61 22 62 5C 63 0A 01 C3 A9", "\"a\\\"b\\\\c\\n\\u0001é\"" },
        // Every control character with a short escape, one without, and DEL (not escaped by MySQL).
        { "0C 07 08 09 0A 0C 0D 1F 7F", "\"\\b\\t\\n\\f\\r\\u001f\u007f\"" },
    };

    public static TheoryData<string, string> Containers => new()
    {
        { "02 00 00 04 00", "[]" }, // small array: count 0, size 4
        { "00 00 00 04 00", "{}" }, // small object: count 0, size 4
        // {"a": 1}: count 1, size 12; key entry (offset 11, length 1); value entry int16 inlined; key "a".
        { "00 01 00 0C 00 0B 00 01 00 05 01 00 61", "{\"a\": 1}" },
        // {"a": 1} as a large object: 4-byte count and size, key entry (offset 19, length 1),
        // value entry int16 inlined in a 4-byte field.
        { "01 01 00 00 00 14 00 00 00 13 00 00 00 01 00 05 01 00 00 00 61", "{\"a\": 1}" },
        // [true, null, false]: literals inlined in the value entries.
        { "02 03 00 0D 00 04 01 00 04 00 00 04 02 00", "[true, null, false]" },
        // [100000] small: an int32 does not fit a 2-byte entry, so it is stored at offset 7.
        { "02 01 00 0B 00 07 07 00 A0 86 01 00", "[100000]" },
        // [100000] large: the int32 is inlined in the 4-byte entry.
        { "03 01 00 00 00 0D 00 00 00 07 A0 86 01 00", "[100000]" },
        // {"k": "v", "n": [1]}: keys at 18 and 19, the string at 20, the nested small array at 22.
        { "00 02 00 1D 00 12 00 01 00 13 00 01 00 0C 14 00 02 16 00 6B 6E 01 76 01 00 07 00 05 01 00", "{\"k\": \"v\", \"n\": [1]}" },
        // [1.50]: an opaque DECIMAL at offset 7 (type 246, length 4, precision 3, scale 2, digits).
        { "02 01 00 0D 00 0F 07 00 F6 04 03 02 81 32", "[1.50]" },
    };

    public static TheoryData<string, string> Opaques => new()
    {
        // CAST(1.50 AS JSON): DECIMAL(3,2); leading integer group "1" in 1 byte, fraction "50" in 1 byte,
        // positive so the first byte's top bit is set: 81 32.
        { "0F F6 04 03 02 81 32", "1.50" },
        // -1.50: the same groups with every byte inverted (the top bit then clear).
        { "0F F6 04 03 02 7E CD", "-1.50" },
        // 0.05 as DECIMAL(3,2): a zero integer part prints as "0".
        { "0F F6 04 03 02 80 05", "0.05" },
        // -1234 as DECIMAL(4,0): 1234 = 0x04D2 in a 2-byte group, inverted.
        { "0F F6 04 04 00 7B 2D", "-1234" },
        // 1234567890.0123456789 as DECIMAL(20,10): groups "1" | "234567890" | "012345678" | "9".
        { "0F F6 0C 14 0A 81 0D FB 38 D2 00 BC 61 4E 09", "1234567890.0123456789" },
        // CAST(TIMESTAMP'2015-01-15 23:24:25' AS DATETIME) AS JSON: packed ((2015*13+1)<<5|15)<<17 | 23<<12|24<<6|25, <<24.
        { "0F 0C 08 00 00 00 19 76 1F 95 19", "\"2015-01-15 23:24:25.000000\"" },
        // A TIMESTAMP (type 7) with microseconds: 2020-02-29 01:02:03.456789.
        { "0F 07 08 55 F8 06 83 10 BA A5 19", "\"2020-02-29 01:02:03.456789\"" },
        // DATE (type 10) 2015-01-15: the same packing with no time part.
        { "0F 0A 08 00 00 00 00 00 1E 95 19", "\"2015-01-15\"" },
        // TIME (type 11) -838:59:59: (838<<12|59<<6|59)<<24, negated.
        { "0F 0B 08 00 00 00 05 91 CB FF FF", "\"-838:59:59.000000\"" },
        // TIME 12:34:56.789000.
        { "0F 0B 08 08 0A 0C B8 C8 00 00 00", "\"12:34:56.789000\"" },
        // JSON_OBJECTAGG('a', b'01010101')'s value: opaque VARCHAR (type 15) bytes 0x55.
        { "0F 0F 01 55", "\"base64:type15:VQ==\"" },
        // Opaque BIT(8) (type 16).
        { "0F 10 01 55", "\"base64:type16:VQ==\"" },
        // Opaque VAR_STRING (type 253) prints as a plain string.
        { "0F FD 02 68 69", "\"hi\"" },
        { "0F FD 01 22", "\"\\\"\"" },
    };

    [Fact]
    public void An_empty_document_is_json_null()
    {
        Assert.Equal("null", JsonBinary.ToJsonText([]));
    }

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Scalars_print_as_mysql_prints_them(string hex, string expected)
    {
        Assert.Equal(expected, JsonBinary.ToJsonText(Hex(hex)));
    }

    [Theory]
    [MemberData(nameof(Containers))]
    public void Containers_print_with_a_space_after_colons_and_commas(string hex, string expected)
    {
        Assert.Equal(expected, JsonBinary.ToJsonText(Hex(hex)));
    }

    [Theory]
    [MemberData(nameof(Opaques))]
    public void Opaque_values_print_as_json_extract_shows_them(string hex, string expected)
    {
        Assert.Equal(expected, JsonBinary.ToJsonText(Hex(hex)));
    }

    [Fact]
    public void A_string_longer_than_127_bytes_has_a_two_byte_length()
    {
        // 200 = 0b1_1001000: low seven bits 0x48 with the continuation bit (0xC8), then 0x01.
        var text = new string('x', 200);
        byte[] document = [0x0C, 0xC8, 0x01, .. System.Text.Encoding.ASCII.GetBytes(text)];

        Assert.Equal($"\"{text}\"", JsonBinary.ToJsonText(document));
    }

    [Fact]
    public void Long_opaque_values_break_base64_lines_as_mysql_does()
    {
        // MySQL's base64_encode() puts a newline after every 76 characters; in the JSON string it is "\n".
        var data = Enumerable.Range(0, 60).Select(i => (byte)i).ToArray();
        byte[] document = [0x0F, 0xFC, 60, .. data];

        var expected = "\"base64:type252:" + Convert.ToBase64String(data, 0, 57) + "\\n" + Convert.ToBase64String(data, 57, 3) + "\"";
        Assert.Equal(expected, JsonBinary.ToJsonText(document));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(2.0, "2.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(123.456, "123.456")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e14, "100000000000000.0")]
    [InlineData(1e15, "1e15")]
    [InlineData(1e-15, "0.000000000000001")]
    [InlineData(1e-16, "1e-16")]
    [InlineData(1.5e-20, "1.5e-20")]
    [InlineData(-1.5e300, "-1.5e300")]
    [InlineData(1.2345678901234568e17, "1.2345678901234568e17")]
    [InlineData(1234567890123456.8, "1234567890123456.8")]
    [InlineData(double.MaxValue, "1.7976931348623157e308")]
    [InlineData(double.Epsilon, "5e-324")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    public void Doubles_print_shortest_round_trip_digits_laid_out_as_mysql_does(double value, string expected)
    {
        var document = new byte[9];
        document[0] = 0x0B;
        BinaryPrimitives.WriteDoubleLittleEndian(document.AsSpan(1), value);

        var text = JsonBinary.ToJsonText(document);

        Assert.Equal(expected, text);
        Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Random_doubles_read_back_exactly()
    {
        var random = new Random(7);
        var document = new byte[9];
        document[0] = 0x0B;
        for (var i = 0; i < 20_000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
            if (!double.IsFinite(value))
                continue;
            BinaryPrimitives.WriteDoubleLittleEndian(document.AsSpan(1), value);

            var text = JsonBinary.ToJsonText(document);

            Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.Ordinal), text);
        }
    }

    [Theory]
    [InlineData("0D")] // no such type
    [InlineData("0E 00")]
    [InlineData("FF")]
    [InlineData("04 03")] // literal 3
    [InlineData("04")] // literal missing
    [InlineData("05 01")] // int16 cut short
    [InlineData("0B 00 00 00")] // double cut short
    [InlineData("0C 05 68 65")] // string shorter than its length
    [InlineData("0C 80 80 80 80 80 01")] // a data length of more than 5 bytes
    [InlineData("0C FF FF FF FF 0F")] // a data length of 2^32-1
    [InlineData("0C 80")] // a data length cut short
    [InlineData("02 01 00 0D 00 04 01 00")] // size beyond the document
    [InlineData("02 05 00 08 00 04 01 00 04 01")] // 5 entries do not fit 8 bytes
    [InlineData("02 01")] // header cut short
    [InlineData("02 01 00 07 00 0C 09 00")] // value offset 9 beyond the size 7
    [InlineData("02 01 00 07 00 0C 07 00")] // value offset at the size
    [InlineData("00 01 00 0C 00 0B 00 05 00 05 01 00 61")] // key of length 5 beyond the object
    [InlineData("00 01 00 0C 00 FF 00 01 00 05 01 00 61")] // key offset beyond the object
    [InlineData("02 01 00 07 00 0D 00 00")] // bad type inside an array
    [InlineData("02 01 00 07 00 04 07 00")] // bad literal inlined in an array
    [InlineData("0B 00 00 00 00 00 00 F8 7F")] // NaN, which MySQL never stores
    [InlineData("0B 00 00 00 00 00 00 F0 7F")] // +infinity
    [InlineData("0F F6 03 03 02 81")] // DECIMAL(3,2) needs 2 bytes, has 1
    [InlineData("0F F6 01 03")] // DECIMAL without its scale
    [InlineData("0F F6 03 02 00 E4")] // DECIMAL(2,0) group holding 100
    [InlineData("0F F6 02 02 03")] // scale above precision
    [InlineData("0F 0C 07 00 00 00 19 76 1F 95")] // DATETIME of 7 bytes
    [InlineData("0F 0C 08 00 00 00 00 80 1F 95 19")] // DATETIME hour 24
    [InlineData("0F 0C 08 00 00 00 00 7F 1F 95 19")] // DATETIME minute 60
    [InlineData("0F 0C 08 FF FF FF 00 70 1F 95 19")] // DATETIME microseconds above 999999
    [InlineData("0F 0C 08 00 00 00 00 00 42 F4 7E")] // DATETIME year 10000
    [InlineData("0F 0C 08 FF FF FF FF FF FF FF FF")] // negative DATETIME
    [InlineData("0F 0B 08 FF FF FF 00 70 1F 95 19")] // TIME microseconds above 999999
    [InlineData("0F 0C")] // opaque without a length
    [InlineData("0F")] // opaque without a type
    [InlineData("0F 0F 05 55")] // opaque shorter than its length
    public void Malformed_documents_throw_a_decoding_exception(string hex)
    {
        Assert.Throws<MySqlDecodingException>(() => JsonBinary.ToJsonText(Hex(hex)));
    }

    [Fact]
    public void Entries_that_share_one_value_are_rejected()
    {
        // An array of 3 entries all pointing at the same 10-byte string at offset 13. MySQL never writes
        // this; allowing it would let a small document print without bound.
        var document = Hex("02 03 00 18 00 0C 0D 00 0C 0D 00 0C 0D 00 0A 30 31 32 33 34 35 36 37 38 39");

        var error = Assert.Throws<MySqlDecodingException>(() => JsonBinary.ToJsonText(document));
        Assert.Contains("share", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_entries_that_share_values_are_rejected_quickly()
    {
        // 30 levels of [x, x] where both entries point at the same child: 2^30 values if followed.
        byte[] payload = [0x00, 0x00, 0x04, 0x00]; // [] without its type byte
        for (var level = 0; level < 30; level++)
        {
            var size = 4 + 6 + payload.Length;
            payload = [0x02, 0x00, (byte)size, (byte)(size >> 8), 0x02, 0x0A, 0x00, 0x02, 0x0A, 0x00, .. payload];
        }

        byte[] document = [0x02, .. payload];

        Assert.Throws<MySqlDecodingException>(() => JsonBinary.ToJsonText(document));
    }

    [Fact]
    public void Nesting_to_the_maximum_depth_is_accepted_and_one_more_is_rejected()
    {
        Assert.Equal(new string('[', 100) + new string(']', 100), JsonBinary.ToJsonText(NestedArrays(100)));

        var error = Assert.Throws<MySqlDecodingException>(() => JsonBinary.ToJsonText(NestedArrays(101)));
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Very_deep_nesting_is_rejected_without_exhausting_the_stack()
    {
        Assert.Throws<MySqlDecodingException>(() => JsonBinary.ToJsonText(NestedArrays(5_000, large: true)));
    }

    [Theory]
    [InlineData("{\"a\":1}", "00 01 00 0C 00 0B 00 01 00 05 01 00 61", false)]
    [InlineData("{\"a\":1}", "01 01 00 00 00 14 00 00 00 13 00 00 00 01 00 05 01 00 00 00 61", true)]
    [InlineData("[true,null,false]", "02 03 00 0D 00 04 01 00 04 00 00 04 02 00", false)]
    [InlineData("[100000]", "02 01 00 0B 00 07 07 00 A0 86 01 00", false)]
    [InlineData("[100000]", "03 01 00 00 00 0D 00 00 00 07 A0 86 01 00", true)]
    [InlineData("{\"k\":\"v\",\"n\":[1]}", "00 02 00 1D 00 12 00 01 00 13 00 01 00 0C 14 00 02 16 00 6B 6E 01 76 01 00 07 00 05 01 00", false)]
    public void The_test_encoder_writes_the_hand_built_fixtures(string json, string hex, bool large)
    {
        Assert.Equal(Hex(hex), JsonBinaryEncoder.Encode(JsonNode.Parse(json), large));
    }

    [Fact]
    public void A_mixed_document_prints_exactly_as_mysql_does()
    {
        var json = "{\"a\": [1, 2.5, \"x\", null, true, -40000, 3000000000, 18446744073709551615], \"b\": {\"c\": -7, \"d\": {}}, \"e\": []}";

        Assert.Equal(json, JsonBinary.ToJsonText(JsonBinaryEncoder.Encode(JsonNode.Parse(json))));
        Assert.Equal(json, JsonBinary.ToJsonText(JsonBinaryEncoder.Encode(JsonNode.Parse(json), large: true)));
    }

    [Fact]
    public void Random_documents_read_back_to_the_same_json()
    {
        var random = new Random(1234);
        for (var i = 0; i < 300; i++)
        {
            var node = JsonFixtures.RandomNode(random, depth: 0);
            foreach (var large in new[] { false, true })
            {
                var text = JsonBinary.ToJsonText(JsonBinaryEncoder.Encode(node, large));
                Assert.True(JsonNode.DeepEquals(node, JsonNode.Parse(text)), $"{node?.ToJsonString()} printed as {text}");
            }
        }
    }

    /// <summary>Arrays nested <paramref name="depth"/> deep, the innermost empty.</summary>
    internal static byte[] NestedArrays(int depth, bool large = false)
    {
        byte[] payload = large ? [0, 0, 0, 0, 8, 0, 0, 0] : [0, 0, 4, 0];
        for (var level = 1; level < depth; level++)
        {
            if (large)
            {
                var size = 8 + 5 + payload.Length;
                payload = [1, 0, 0, 0, .. BitConverter.GetBytes(size), 0x03, 13, 0, 0, 0, .. payload];
            }
            else
            {
                var size = 4 + 3 + payload.Length;
                payload = [1, 0, (byte)size, (byte)(size >> 8), 0x02, 7, 0, .. payload];
            }
        }

        return [large ? (byte)0x03 : (byte)0x02, .. payload];
    }

    internal static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
}
