using Sluice.MySql.Binlog.Rows;
using Xunit;
using static Sluice.MySql.Tests.Binlog.Rows.ColumnFixture;

namespace Sluice.MySql.Tests.Binlog.Rows;

public sealed class EnumSetColumnTests
{
    private static readonly string[] Abc = ["a", "b", "c"];
    private static readonly string[] Abcd = ["a", "b", "c", "d"];

    private static string[] Members(int count) => [.. Enumerable.Range(1, count).Select(i => $"m{i}")];

    // ENUM('a','b','c'): wire STRING, metadata 0xF701 (real type ENUM, pack length 1).
    [Theory]
    [InlineData("01", "a")]
    [InlineData("03", "c")]
    [InlineData("00", "")] // the empty "error" member, what SELECT prints for index 0
    public void Enum_decodes_to_the_member_name(string hex, string expected)
    {
        var column = Column(ColumnType.String, 0xF701, enumValues: Abc);
        Assert.Equal(ColumnType.Enum, column.Type);
        Assert.Equal(ColumnType.String, column.WireType);
        Assert.Equal(expected, Assert.IsType<string>(Decode(column, hex)));
    }

    [Theory]
    [InlineData("0100", "m1")]
    [InlineData("2c01", "m300")]
    public void Enum_of_300_members_uses_two_bytes(string hex, string expected)
    {
        Assert.Equal(expected, Decode(Column(ColumnType.String, 0xF702, enumValues: Members(300)), hex));
    }

    [Fact]
    public void Enum_without_names_decodes_to_the_index()
    {
        Assert.Equal(3, Assert.IsType<int>(Decode(Column(ColumnType.String, 0xF701), "03")));
        Assert.Equal(300, Assert.IsType<int>(Decode(Column(ColumnType.String, 0xF702), "2c01")));
    }

    [Fact]
    public void Enum_index_beyond_the_members_throws()
    {
        DecodeFails(Column(ColumnType.String, 0xF701, enumValues: Abc), "04");
    }

    // SET('a','b','c','d'): metadata 0xF801; bit i is member i+1.
    [Theory]
    [InlineData("00", "")]
    [InlineData("01", "a")]
    [InlineData("0a", "b,d")]
    [InlineData("0f", "a,b,c,d")]
    public void Set_decodes_to_the_member_names(string hex, string expected)
    {
        var column = Column(ColumnType.String, 0xF801, setValues: Abcd);
        Assert.Equal(ColumnType.Set, column.Type);
        Assert.Equal(expected, Assert.IsType<string>(Decode(column, hex)));
    }

    [Theory]
    [InlineData(9, 0xF802, "0101", "m1,m9")]
    [InlineData(17, 0xF803, "000001", "m17")]
    [InlineData(25, 0xF804, "00000001", "m25")]
    [InlineData(64, 0xF808, "0100000000000080", "m1,m64")]
    public void Set_pack_length_follows_the_member_count(int members, int metadata, string hex, string expected)
    {
        Assert.Equal(expected, Decode(Column(ColumnType.String, (ushort)metadata, setValues: Members(members)), hex));
    }

    [Fact]
    public void Set_without_names_decodes_to_the_bitmask()
    {
        Assert.Equal(0x0AUL, Assert.IsType<ulong>(Decode(Column(ColumnType.String, 0xF801), "0a")));
        Assert.Equal(0x8000000000000001UL, Decode(Column(ColumnType.String, 0xF808), "0100000000000080"));
    }

    [Fact]
    public void Set_bits_beyond_the_members_throw()
    {
        DecodeFails(Column(ColumnType.String, 0xF801, setValues: Abcd), "10");
    }
}
