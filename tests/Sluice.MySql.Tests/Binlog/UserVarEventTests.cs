using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;
using static Sluice.MySql.Tests.Binlog.EventBytes;

namespace Sluice.MySql.Tests.Binlog;

public sealed class UserVarEventTests
{
    // mariadb-basic.binlog: SET @greeting = 'hello', @n = -42, @big = 18446744073709551615, @d = 1.25, @r = 0.5e0, @nul = NULL.
    [Fact]
    public void Decodes_the_user_variables_of_the_fixture()
    {
        var decoder = MariaDbDecoder();
        var userVars = new List<UserVarEvent>();
        foreach (var bytes in Fixtures.Events("mariadb-basic.binlog").Skip(1))
        {
            if (decoder.Decode(bytes) is UserVarEvent userVar)
                userVars.Add(userVar);
        }

        Assert.Equal(["greeting", "n", "big", "d", "r", "nul"], userVars.Select(v => v.Name));

        Assert.Equal(UserVarType.String, userVars[0].ValueType);
        Assert.Equal(33u, userVars[0].CollationId); // utf8mb3_general_ci
        Assert.Equal("hello", userVars[0].Value);

        Assert.Equal(UserVarType.Int, userVars[1].ValueType);
        Assert.Equal(-42L, userVars[1].Value);

        Assert.Equal(UserVarType.Int, userVars[2].ValueType);
        Assert.Equal(1, userVars[2].Flags & 1); // unsigned
        Assert.Equal(ulong.MaxValue, userVars[2].Value);

        Assert.Equal(UserVarType.Decimal, userVars[3].ValueType);
        Assert.Equal("1.25", userVars[3].Value); // precision 3, scale 2, binary 0x81 0x19

        Assert.Equal(UserVarType.Real, userVars[4].ValueType);
        Assert.Equal(0.5, userVars[4].Value);

        Assert.True(userVars[5].IsNull);
        Assert.Null(userVars[5].Value);
    }

    [Fact]
    public void Decodes_a_hand_built_string_variable()
    {
        var body = Concat(
            U32(1), Ascii("v"), // name length, name
            [0], // not NULL
            [0], // STRING_RESULT
            U32(45), // utf8mb4_general_ci
            U32(2), Ascii("hi"), // value length, value
            [0]); // flags

        var userVar = Assert.IsType<UserVarEvent>(MySqlDecoder().Decode(Build(BinlogEventType.UserVar, body)));

        Assert.Equal("v", userVar.Name);
        Assert.False(userVar.IsNull);
        Assert.Equal(45u, userVar.CollationId);
        Assert.Equal("hi", userVar.Value);
    }

    [Theory]
    [InlineData("05 02 7F84D2", "-123.45")] // DECIMAL(5,2): integer 123 in 2 bytes, fraction 45 in 1, all inverted for the sign
    [InlineData("05 02 80002D", "0.45")] // leading integer zeros dropped, one kept
    [InlineData("01 01 85", "0.5")] // no integer digits at all
    [InlineData("0C 00 8000 0000000A", "10")] // DECIMAL(12,0): 3 digits in 2 bytes then a 9-digit group in 4
    public void Decimal_variable_is_rendered_as_text(string hex, string expected)
    {
        var value = Hex(hex);
        var body = Concat(U32(1), Ascii("v"), [0], [4], U32(63), U32((uint)value.Length), value, [0]);

        var userVar = Assert.IsType<UserVarEvent>(MySqlDecoder().Decode(Build(BinlogEventType.UserVar, body)));

        Assert.Equal(expected, userVar.Value);
    }

    [Theory]
    [InlineData("05 02 7F84")] // one byte short of DECIMAL(5,2)
    [InlineData("02 03 80")] // scale above precision
    [InlineData("05 02 80FFFF")] // integer group 0xFFFF does not fit 3 digits
    public void Malformed_decimal_variable_is_a_decoding_error(string hex)
    {
        var value = Hex(hex);
        var body = Concat(U32(1), Ascii("v"), [0], [4], U32(63), U32((uint)value.Length), value, [0]);

        Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.UserVar, body)));
    }

    [Fact]
    public void Integer_of_the_wrong_width_is_a_decoding_error()
    {
        var body = Concat(U32(1), Ascii("v"), [0], [2], U32(63), U32(4), U32(7), [0]);

        Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.UserVar, body)));
    }

    [Fact]
    public void Row_result_type_is_a_decoding_error()
    {
        var body = Concat(U32(1), Ascii("v"), [0], [3], U32(63), U32(0), [0]);

        Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.UserVar, body)));
    }

    [Fact]
    public void Name_longer_than_the_event_is_a_decoding_error()
    {
        var body = Concat(U32(1000), Ascii("v"), [1]);

        Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.UserVar, body)));
    }
}
