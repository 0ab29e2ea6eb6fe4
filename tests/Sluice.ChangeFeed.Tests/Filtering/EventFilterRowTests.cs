using Sluice.ChangeFeed.Filtering;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;
using static Sluice.ChangeFeed.Tests.Filtering.FilterTestTables;

namespace Sluice.ChangeFeed.Tests.Filtering;

/// <summary>Row changes against ignore_event and the value expressions, on values typed as the binlog decoder gives them.</summary>
public sealed class EventFilterRowTests
{
    private static EventFilter Filter(EventFilterRule rule) => new(new ChangefeedOptions { EventFilters = [rule] });

    private static EventFilter InsertExpr(string expression) =>
        Filter(new EventFilterRule { Matcher = ["app.orders"], IgnoreInsertValueExpr = expression });

    [Theory]
    [InlineData("insert", true, false, false)]
    [InlineData("update", false, true, false)]
    [InlineData("delete", false, false, true)]
    [InlineData("all dml", true, true, true)]
    [InlineData("all ddl", false, false, false)]
    [InlineData("create table", false, false, false)]
    public void Ignore_event_leaves_out_the_named_row_changes(string name, bool insert, bool update, bool delete)
    {
        var filter = Filter(new EventFilterRule { Matcher = ["app.*"], IgnoreEvent = [name] });
        var table = Orders();

        Assert.Equal(insert, filter.ShouldIgnoreRow(Insert(table, OrderValues())));
        Assert.Equal(update, filter.ShouldIgnoreRow(Update(table, OrderValues(), OrderValues(price: "11.00"))));
        Assert.Equal(delete, filter.ShouldIgnoreRow(Delete(table, OrderValues())));
        Assert.False(filter.ShouldIgnoreRow(Insert(Orders(schema: "other"), OrderValues())));
    }

    [Theory]
    // DECIMAL compares exactly: 0.1 is 0.10, 100.50 is not above 100.5.
    [InlineData("price > 100.5", "100.50", false)]
    [InlineData("price > 100.5", "100.51", true)]
    [InlineData("price = 0.1", "0.10", true)]
    [InlineData("price BETWEEN 1 AND 2", "2.00", true)]
    [InlineData("price * 3 = 0.3", "0.10", true)]
    public void Decimal_values_compare_exactly(string expression, string price, bool ignored)
    {
        Assert.Equal(ignored, InsertExpr(expression).ShouldIgnoreRow(Insert(Orders(), OrderValues(price: price))));
    }

    [Fact]
    public void Datetime_date_timestamp_and_time_values_compare_as_temporal_values()
    {
        var table = Orders();
        var before = new MySqlDateTime(2023, 12, 31, 23, 59, 59, 0, 0);
        var after = new MySqlDateTime(2024, 1, 1, 0, 0, 0, 0, 0);

        Assert.True(InsertExpr("created < '2024-01-01'").ShouldIgnoreRow(Insert(table, OrderValues(created: before))));
        Assert.False(InsertExpr("created < '2024-01-01'").ShouldIgnoreRow(Insert(table, OrderValues(created: after))));
        Assert.True(InsertExpr("created = '2024-01-01 00:00:00'").ShouldIgnoreRow(Insert(table, OrderValues(created: after))));
        Assert.True(InsertExpr("YEAR(created) = 2023").ShouldIgnoreRow(Insert(table, OrderValues(created: before))));

        Assert.True(InsertExpr("day = '2024-02-29'").ShouldIgnoreRow(Insert(table, OrderValues(day: new MySqlDate(2024, 2, 29)))));
        Assert.False(InsertExpr("day = '2024-02-29'").ShouldIgnoreRow(Insert(table, OrderValues(day: new MySqlDate(2024, 3, 1)))));

        // TIMESTAMP values are instants, compared in UTC: 1704067200 is 2024-01-01 00:00:00 UTC.
        Assert.True(InsertExpr("at >= '2024-01-01 00:00:00'").ShouldIgnoreRow(Insert(table, OrderValues(at: new MySqlTimestamp(1_704_067_200, 0, 0)))));
        Assert.False(InsertExpr("at >= '2024-01-01 00:00:00'").ShouldIgnoreRow(Insert(table, OrderValues(at: new MySqlTimestamp(1_704_067_199, 0, 0)))));

        // TIME meets a number as hhmmss, as in MySQL.
        Assert.True(InsertExpr("span > 100000").ShouldIgnoreRow(Insert(table, OrderValues(span: new MySqlTime(false, 10, 0, 1, 0, 0)))));
        Assert.False(InsertExpr("span > 100000").ShouldIgnoreRow(Insert(table, OrderValues(span: new MySqlTime(false, 9, 59, 59, 0, 0)))));
    }

    [Fact]
    public void A_zero_date_stays_comparable_as_text()
    {
        var table = Orders();
        var zero = OrderValues(created: new MySqlDateTime(0, 0, 0, 0, 0, 0, 0, 0), day: new MySqlDate(0, 0, 0));

        Assert.True(InsertExpr("day = '0000-00-00'").ShouldIgnoreRow(Insert(table, zero)));
        Assert.False(InsertExpr("created = '2024-01-01 00:00:00'").ShouldIgnoreRow(Insert(table, zero)));
    }

    [Theory]
    // Strings compare under utf8mb4_general_ci: without case.
    [InlineData("name = 'JOHN'", "john", true)]
    [InlineData("name = 'john'", "John", true)]
    [InlineData("name LIKE 'jo%'", "JOhnny", true)]
    [InlineData("name LIKE 'jo%'", "ajo", false)]
    [InlineData("name IN ('lili', 'john')", "Lili", true)]
    [InlineData("name <> 'john'", "JOHN", false)]
    public void Strings_compare_without_case(string expression, string name, bool ignored)
    {
        Assert.Equal(ignored, InsertExpr(expression).ShouldIgnoreRow(Insert(Orders(), OrderValues(name: name))));
    }

    [Fact]
    public void Null_is_neither_true_nor_false()
    {
        var table = Orders();

        Assert.True(InsertExpr("note IS NULL").ShouldIgnoreRow(Insert(table, OrderValues(note: null))));
        Assert.False(InsertExpr("note IS NULL").ShouldIgnoreRow(Insert(table, OrderValues(note: "x"))));
        Assert.False(InsertExpr("note = 'x'").ShouldIgnoreRow(Insert(table, OrderValues(note: null))));
        Assert.False(InsertExpr("NOT (note = 'x')").ShouldIgnoreRow(Insert(table, OrderValues(note: null))));
        Assert.True(InsertExpr("note <=> NULL").ShouldIgnoreRow(Insert(table, OrderValues(note: null))));
    }

    [Fact]
    public void Each_expression_reads_the_image_of_its_kind()
    {
        // The document's example: ignore_update_old_value_expr "age < 18 or name = 'lili'" and so on.
        var filter = Filter(new EventFilterRule
        {
            Matcher = ["app.orders"],
            IgnoreInsertValueExpr = "id >= 100",
            IgnoreUpdateOldValueExpr = "price < 5 OR name = 'lili'",
            IgnoreUpdateNewValueExpr = "name = 'male' AND price > 18",
            IgnoreDeleteValueExpr = "name = 'john'",
        });
        var table = Orders();

        Assert.True(filter.ShouldIgnoreRow(Insert(table, OrderValues(id: 100))));
        Assert.False(filter.ShouldIgnoreRow(Insert(table, OrderValues(id: 99))));

        Assert.True(filter.ShouldIgnoreRow(Update(table, OrderValues(price: "4.99"), OrderValues(price: "50.00"))));
        Assert.True(filter.ShouldIgnoreRow(Update(table, OrderValues(name: "LILI"), OrderValues(name: "x"))));
        Assert.True(filter.ShouldIgnoreRow(Update(table, OrderValues(name: "a"), OrderValues(name: "male", price: "18.01"))));
        Assert.False(filter.ShouldIgnoreRow(Update(table, OrderValues(name: "a"), OrderValues(name: "male", price: "18.00"))));
        Assert.False(filter.ShouldIgnoreRow(Update(table, OrderValues(name: "male", price: "50.00"), OrderValues(name: "a", price: "4.00"))));

        Assert.True(filter.ShouldIgnoreRow(Delete(table, OrderValues(name: "john"))));
        Assert.False(filter.ShouldIgnoreRow(Delete(table, OrderValues(name: "lili"))));
        Assert.False(filter.ShouldIgnoreRow(Insert(Orders(name: "other"), OrderValues(id: 100))));
    }

    [Fact]
    public void Any_matching_rule_leaves_a_row_out()
    {
        var filter = new EventFilter(new ChangefeedOptions
        {
            EventFilters =
            [
                new EventFilterRule { Matcher = ["app.*"], IgnoreInsertValueExpr = "id = 1" },
                new EventFilterRule { Matcher = ["*.orders"], IgnoreInsertValueExpr = "id = 2" },
                new EventFilterRule { Matcher = ["app.orders"], IgnoreEvent = ["delete"] },
            ],
        });
        var table = Orders();

        Assert.True(filter.ShouldIgnoreRow(Insert(table, OrderValues(id: 1))));
        Assert.True(filter.ShouldIgnoreRow(Insert(table, OrderValues(id: 2))));
        Assert.False(filter.ShouldIgnoreRow(Insert(table, OrderValues(id: 3))));
        Assert.True(filter.ShouldIgnoreRow(Delete(table, OrderValues(id: 3))));
    }

    [Fact]
    public void Rows_of_an_ignored_transaction_are_left_out()
    {
        var filter = new EventFilter(new ChangefeedOptions { IgnoreTxnStartTs = [42] });

        Assert.True(filter.ShouldIgnoreRow(Insert(Orders(), OrderValues(), startTs: 42)));
        Assert.False(filter.ShouldIgnoreRow(Insert(Orders(), OrderValues(), startTs: 43)));
    }

    [Fact]
    public void An_expression_naming_a_missing_column_is_an_error_for_that_table_version_only()
    {
        // As TiCDC: a matched table lacking a column the expression needs stops the changefeed rather than being skipped.
        var filter = Filter(new EventFilterRule { Matcher = ["app.*"], IgnoreDeleteValueExpr = "discount > 0" });
        var old = Orders(new Tso(1));

        var ex = Assert.Throws<ChangefeedException>(() => filter.ShouldIgnoreRow(Delete(old, OrderValues())));
        Assert.Equal("CDC:ErrExpressionColumnNotFound", ex.Code);
        Assert.Contains("app.orders", ex.Message, StringComparison.Ordinal);
        Assert.Contains("discount > 0", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ChangefeedException>(() => filter.Verify(old));

        var widened = new ChangeTable("app", "orders", [.. old.Columns, Column("discount", ColumnType.Long, "int")], new Tso(2));
        filter.Verify(widened);
        Assert.True(filter.ShouldIgnoreRow(Delete(widened, [.. OrderValues(), 5L])));
        Assert.False(filter.ShouldIgnoreRow(Delete(widened, [.. OrderValues(), 0L])));
        filter.Verify(Orders(schema: "unmatched"));
    }

    [Fact]
    public void An_expression_that_does_not_parse_is_refused_up_front_naming_it()
    {
        var ex = Assert.Throws<ChangefeedException>(() => Filter(new EventFilterRule { Matcher = ["app.*"], IgnoreUpdateNewValueExpr = "price >" }));

        Assert.Equal("CDC:ErrExpressionParseFailed", ex.Code);
        Assert.Contains("event filter 1 (matcher [app.*])", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ignore_update_new_value_expr \"price >\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expression_that_fails_on_a_row_is_an_error()
    {
        var filter = InsertExpr("id + 9223372036854775807 > 0");

        var ex = Assert.Throws<ChangefeedException>(() => filter.ShouldIgnoreRow(Insert(Orders(), OrderValues(id: 1))));

        Assert.Equal("CDC:ErrFailedToFilterDML", ex.Code);
    }
}
