using Sluice.ChangeFeed.Dispatching;

namespace Sluice.ChangeFeed.Tests.Dispatching;

/// <summary>Table-filter syntax as https://docs.pingcap.com/tidb/stable/table-filter describes it.</summary>
public sealed class TableMatcherTests
{
    [Theory]
    [InlineData(new[] { "*.*" }, "db", "t", true)]
    [InlineData(new[] { "db.t" }, "db", "t", true)]
    [InlineData(new[] { "db.t" }, "db", "t2", false)]
    [InlineData(new[] { "db?.t*" }, "db1", "tbl", true)]
    [InlineData(new[] { "db?.t*" }, "db12", "tbl", false)]
    [InlineData(new[] { "db[0-9].*" }, "db7", "x", true)]
    [InlineData(new[] { "*.*", "!db.secret" }, "db", "secret", false)]
    [InlineData(new[] { "*.*", "!db.secret" }, "db", "open", true)]
    [InlineData(new[] { "!db.secret", "*.*" }, "db", "secret", true)]
    [InlineData(new[] { "!db.*" }, "other", "t", false)]
    [InlineData(new[] { "`a.b`.`c*`" }, "a.b", "c*", true)]
    [InlineData(new[] { "`a.b`.`c*`" }, "a.b", "cx", false)]
    [InlineData(new[] { "\"x\"\"y\".t" }, "x\"y", "t", true)]
    [InlineData(new[] { "~db.t" }, "~db", "t", true)]
    [InlineData(new[] { "DB.T" }, "db", "t", true)]
    public void Matches_as_the_last_matching_pattern_says(string[] patterns, string schema, string table, bool expected)
    {
        Assert.Equal(expected, TableMatcher.Parse(patterns, caseSensitive: false).IsMatch(schema, table));
    }

    [Fact]
    public void Case_sensitive_patterns_compare_case()
    {
        Assert.False(TableMatcher.Parse(["DB.T"], caseSensitive: true).IsMatch("db", "t"));
        Assert.True(TableMatcher.Parse(["DB.T"], caseSensitive: true).IsMatch("DB", "T"));
    }
}
