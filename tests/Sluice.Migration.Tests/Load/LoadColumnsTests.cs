using Sluice.Migration.Dump;
using Sluice.Migration.Load;

namespace Sluice.Migration.Tests.Load;

public sealed class LoadColumnsTests
{
    private static readonly Dictionary<string, TargetColumn> Target = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = new("id", IsAutoIncrement: true, IsGenerated: false),
        ["name"] = new("name", false, false),
        ["flags"] = new("flags", false, false),
        ["shape"] = new("shape", false, false),
        ["total"] = new("total", false, IsGenerated: true),
    };

    [Fact]
    public void Raw_columns_load_straight_and_the_others_through_variables()
    {
        var columns = LoadColumns.For(
            [new("ID", ColumnEncoding.Raw), new("name", ColumnEncoding.Raw), new("total", ColumnEncoding.Raw)], Target);

        Assert.Equal(["`ID`", "`name`", "@v2"], columns.Columns);
        Assert.Empty(columns.Expressions);
    }

    [Fact]
    public void Bit_and_geometry_are_set_from_their_text_and_auto_increment_then_goes_through_set_too()
    {
        var columns = LoadColumns.For(
            [new("id", ColumnEncoding.Raw), new("flags", ColumnEncoding.BitInteger), new("shape", ColumnEncoding.GeometryHex)], Target);

        Assert.Equal(["@v0", "@v1", "@v2"], columns.Columns);
        Assert.Equal(["`flags` = CAST(@v1 AS UNSIGNED)", "`shape` = UNHEX(@v2)", "`id` = @v0"], columns.Expressions);
    }

    [Fact]
    public void A_column_missing_from_the_target_or_an_unknown_encoding_is_refused()
    {
        Assert.Contains("no column `gone`", Assert.Throws<MigrationException>(
            () => LoadColumns.For([new("gone", ColumnEncoding.Raw)], Target)).Message, StringComparison.Ordinal);
        Assert.Contains("'base64'", Assert.Throws<MigrationException>(
            () => LoadColumns.For([new("name", "base64")], Target)).Message, StringComparison.Ordinal);
    }
}
