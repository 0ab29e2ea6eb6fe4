using Sluice.MySql.Binlog.Rows;
using Xunit;

namespace Sluice.MySql.Tests.Binlog.Rows;

public sealed class ColumnTypeTextTests
{
    [Theory]
    [InlineData("int(10) unsigned", true)]
    [InlineData("bigint unsigned zerofill", true)]
    [InlineData("decimal(10,2) UNSIGNED", true)]
    [InlineData("int(11)", false)]
    [InlineData("enum('unsigned',' unsigned')", false)]
    public void Unsigned_is_read_from_the_type_text(string columnType, bool expected)
    {
        Assert.Equal(expected, ColumnTypeText.IsUnsigned(columnType));
    }

    [Fact]
    public void Members_unescape_as_information_schema_prints_them()
    {
        // MariaDB 10.11 for ENUM('x''y','b\\c','n\nl','','sp ace','com,ma') printed exactly this COLUMN_TYPE.
        var members = ColumnTypeText.ParseMembers(@"enum('x''y','b\\c','n\nl','','sp ace','com,ma')");
        Assert.Equal(["x'y", @"b\c", "n\nl", "", "sp ace", "com,ma"], members!);
        Assert.Equal(["a", "b"], ColumnTypeText.ParseMembers("SET('a', 'b')")!);
        Assert.Empty(ColumnTypeText.ParseMembers("set()")!);
    }

    [Theory]
    [InlineData("varchar(10)")]
    [InlineData("enum('a'")]
    [InlineData("enum('a',)")]
    [InlineData("enum(a)")]
    [InlineData("enum('a' 'b')")]
    [InlineData("enum('a")]
    public void Malformed_member_lists_give_null(string columnType)
    {
        Assert.Null(ColumnTypeText.ParseMembers(columnType));
    }
}
