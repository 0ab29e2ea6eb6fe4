using Sluice.ChangeFeed.Filtering;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;
using static Sluice.ChangeFeed.Tests.Filtering.FilterTestTables;

namespace Sluice.ChangeFeed.Tests.Filtering;

/// <summary>sink.column_selectors (https://docs.pingcap.com/tidb/stable/ticdc-sink-to-kafka#column-selectors).</summary>
public sealed class ColumnSelectorTests
{
    private static ColumnSelector Selector(params ColumnSelectorRule[] rules) => new(new ChangefeedOptions { ColumnSelectors = rules });

    private static ChangeTable People() => new(
        "app",
        "people",
        [Id, Column("name"), Column("name_full"), Column("name_secret"), Column("age", ColumnType.Long, "int"), Column("a1"), Column("a22")],
        new Tso(5),
        tableId: 77);

    private static object?[] PeopleValues(long id = 1) => [id, "ann", "Ann Lee", "s3cret", 30L, "x", "y"];

    [Fact]
    public void Selected_columns_are_kept_in_table_order_with_their_values()
    {
        var selector = Selector(new ColumnSelectorRule(["app.people"], ["id", "name*", "!name_secret", "a?"]));
        var table = People();

        var row = selector.Apply(Update(table, PeopleValues(1), PeopleValues(2)));

        Assert.Equal(["id", "name", "name_full", "a1"], row.Table.Columns.Select(c => c.Name));
        Assert.Equal([1L, "ann", "Ann Lee", "x"], row.Before!);
        Assert.Equal([2L, "ann", "Ann Lee", "x"], row.After!);
        Assert.Equal(RowChangeKind.Update, row.Kind);
        Assert.Equal(new Tso(11), row.CommitTs);
        Assert.Equal(new Tso(10), row.StartTs);
        Assert.Equal([0], row.Table.HandleKeyColumns);
        Assert.Equal(new Tso(5), row.Table.Version);
        Assert.Equal(77, row.Table.TableId);
        Assert.Equal("app.people", row.Table.QualifiedName);
    }

    [Fact]
    public void Rows_of_one_table_version_share_one_reduced_table()
    {
        var selector = Selector(new ColumnSelectorRule(["app.*"], ["id", "age"]));
        var table = People();

        var first = selector.Apply(Insert(table, PeopleValues(1)));
        var second = selector.Apply(Delete(table, PeopleValues(2)));

        Assert.Same(first.Table, second.Table);
        Assert.Same(first.Table, selector.Apply(table));
        Assert.Null(second.After);
        Assert.Equal([2L, 30L], second.Before!);
        Assert.NotSame(first.Table, selector.Apply(People()));
    }

    [Fact]
    public void Rows_of_unmatched_tables_or_fully_selected_ones_come_back_as_they_were()
    {
        var selector = Selector(new ColumnSelectorRule(["app.people"], ["id"]), new ColumnSelectorRule(["app.orders"], ["*"]));
        var other = Insert(Orders(schema: "other"), OrderValues());
        var whole = Insert(Orders(), OrderValues());

        Assert.Same(other, selector.Apply(other));
        Assert.Same(whole, selector.Apply(whole));
        Assert.True(Selector().IsEmpty);
    }

    [Fact]
    public void The_first_selector_that_matches_a_table_decides()
    {
        var selector = Selector(new ColumnSelectorRule(["app.*"], ["id", "age"]), new ColumnSelectorRule(["app.people"], ["id", "name"]));

        var row = selector.Apply(Insert(People(), PeopleValues()));

        Assert.Equal(["id", "age"], row.Table.Columns.Select(c => c.Name));
        Assert.True(selector.IsSelected("app", "people", "AGE"));
        Assert.False(selector.IsSelected("app", "people", "name"));
        Assert.True(selector.IsSelected("other", "people", "name"));
    }

    [Fact]
    public void Column_patterns_ignore_case_and_the_last_matching_one_decides()
    {
        var selector = Selector(new ColumnSelectorRule(["app.people"], ["*", "!NAME*", "Name_Full", "!/^a\\d$/"]));

        var row = selector.Apply(Insert(People(), PeopleValues()));

        Assert.Equal(["id", "name_full", "age", "a22"], row.Table.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Table_matchers_follow_the_changefeed_case_sensitivity()
    {
        var rule = new ColumnSelectorRule(["APP.PEOPLE"], ["id"]);
        var row = Insert(People(), PeopleValues());

        Assert.Single(new ColumnSelector(new ChangefeedOptions { ColumnSelectors = [rule] }).Apply(row).Table.Columns);
        Assert.Same(row, new ColumnSelector(new ChangefeedOptions { ColumnSelectors = [rule], CaseSensitive = true }).Apply(row));
    }

    [Fact]
    public void Leaving_out_a_handle_key_column_is_an_error_naming_the_table()
    {
        var selector = Selector(new ColumnSelectorRule(["app.*"], ["name"]));

        var ex = Assert.Throws<ChangefeedException>(() => selector.Apply(Insert(People(), PeopleValues())));

        Assert.Equal("CDC:ErrColumnSelectorFailed", ex.Code);
        Assert.Contains("app.people", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'id'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ChangefeedException>(() => selector.Verify(People()));
    }

    [Theory]
    [InlineData(new[] { "app" }, new[] { "id" })]
    [InlineData(new[] { "app.*" }, new[] { "t.id" })]
    [InlineData(new[] { "app.*" }, new[] { "id-1" })]
    public void A_bad_matcher_or_column_pattern_is_refused_naming_the_selector(string[] matcher, string[] columns)
    {
        var ex = Assert.Throws<ChangefeedException>(() => Selector(new ColumnSelectorRule(["x.y"], ["*"]), new ColumnSelectorRule(matcher, columns)));

        Assert.Equal("CDC:ErrFilterRuleInvalid", ex.Code);
        Assert.Contains("column selector 2", ex.Message, StringComparison.Ordinal);
    }
}
