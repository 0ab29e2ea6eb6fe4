using Sluice.Replication.Filtering;
using static Sluice.Replication.Filtering.BinlogEventKind;
using static Sluice.Replication.Filtering.FilterDecision;

namespace Sluice.Replication.Tests.Filtering;

public sealed class BinlogEventFilterTests
{
    private static BinlogFilterRule Rule(
        string schema,
        string? table,
        BinlogFilterAction action,
        BinlogEventKind[]? events = null,
        string[]? sql = null,
        string name = "") =>
        new() { Name = name, SchemaPattern = schema, TablePattern = table, Action = action, Events = events ?? [], SqlPattern = sql ?? [] };

    private static FilterDecision Decide(BinlogEventFilter filter, string schema, string table, BinlogEventKind kind, string? sql = null) =>
        filter.Decide(new TableName(schema, table), kind, sql);

    // DM's "ignore every delete and drop on the shards" example, with our own names.
    [Theory]
    [InlineData("shop_1", "order_1", Delete, Ignore)]
    [InlineData("shop_1", "order_1", Insert, FilterDecision.Apply)]
    [InlineData("shop_1", "order_1", TruncateTable, Ignore)]
    [InlineData("shop_1", "order_1", DropTable, Ignore)]
    [InlineData("shop_1", "order_1", CreateTable, FilterDecision.Apply)]
    [InlineData("shop_1", "", DropDatabase, Ignore)] // the schema-level rule
    [InlineData("shop_1", "", CreateDatabase, FilterDecision.Apply)]
    [InlineData("shop_1", "customers", Delete, FilterDecision.Apply)] // the table rule does not match
    [InlineData("crm", "order_1", Delete, FilterDecision.Apply)] // no rule at all
    public void Ignore_rules_drop_the_events_they_name(string schema, string table, BinlogEventKind kind, FilterDecision expected)
    {
        var filter = new BinlogEventFilter(
            [
                Rule("shop_*", "order_*", BinlogFilterAction.Ignore, [TruncateTable, DropTable, Delete]),
                Rule("shop_*", null, BinlogFilterAction.Ignore, [DropDatabase]),
            ],
            caseSensitive: false);

        Assert.Equal(expected, Decide(filter, schema, table, kind));
    }

    [Theory]
    [InlineData("shop_1", "order_1", Insert, FilterDecision.Apply)]
    [InlineData("shop_1", "order_1", Update, FilterDecision.Apply)]
    [InlineData("shop_1", "order_1", CreateTable, FilterDecision.Apply)]
    [InlineData("shop_1", "order_1", DropTable, Ignore)]
    [InlineData("shop_1", "order_1", AlterTable, Ignore)]
    [InlineData("shop_1", "customers", DropTable, FilterDecision.Apply)]
    [InlineData("shop_1", "", CreateDatabase, FilterDecision.Apply)] // order_* does not match the empty table name
    public void A_do_rule_lets_through_only_what_it_names(string schema, string table, BinlogEventKind kind, FilterDecision expected)
    {
        var filter = new BinlogEventFilter([Rule("shop_*", "order_*", BinlogFilterAction.Do, [CreateTable, AllDml])], false);

        Assert.Equal(expected, Decide(filter, schema, table, kind));
    }

    [Fact]
    public void A_schema_level_rule_also_applies_to_every_table_of_the_schema()
    {
        // DM's rule tree returns schema-level rules for tables too, so a schema-level Do rule restricts DML as well.
        var filter = new BinlogEventFilter([Rule("shop_*", null, BinlogFilterAction.Do, [CreateDatabase])], false);

        Assert.Equal(FilterDecision.Apply, Decide(filter, "shop_1", "", CreateDatabase));
        Assert.Equal(Ignore, Decide(filter, "shop_1", "order_1", Insert));
        Assert.Equal(FilterDecision.Apply, Decide(filter, "crm", "order_1", Insert));
    }

    [Fact]
    public void A_star_table_pattern_covers_statements_on_the_schema_itself()
    {
        var filter = new BinlogEventFilter([Rule("shop_*", "*", BinlogFilterAction.Ignore, [DropDatabase])], false);

        Assert.Equal(Ignore, Decide(filter, "shop_1", "", DropDatabase));
    }

    [Theory]
    [InlineData(Unknown, "drop procedure p1", Ignore)]
    [InlineData(Unknown, "DROP   PROCEDURE p1", Ignore)]
    [InlineData(Unknown, "CREATE PROCEDURE p1() BEGIN END", Ignore)]
    [InlineData(Unknown, "CREATE FUNCTION f1() RETURNS INT RETURN 1", FilterDecision.Apply)]
    [InlineData(CreateTable, "CREATE TABLE t (a INT)", FilterDecision.Apply)]
    [InlineData(Insert, null, FilterDecision.Apply)]
    public void Sql_pattern_matches_statement_text_without_case(BinlogEventKind kind, string? sql, FilterDecision expected)
    {
        var filter = new BinlogEventFilter(
            [Rule("shop_*", null, BinlogFilterAction.Ignore, sql: [@"^DROP\s+PROCEDURE", @"^CREATE\s+PROCEDURE"])],
            false);

        Assert.Equal(expected, Decide(filter, "shop_1", "t", kind, sql));
    }

    [Fact]
    public void A_do_rule_with_sql_pattern_needs_both_the_event_and_the_text_to_match()
    {
        var filter = new BinlogEventFilter([Rule("shop", "t", BinlogFilterAction.Do, [AllDdl], ["^create"])], false);

        Assert.Equal(FilterDecision.Apply, Decide(filter, "shop", "t", CreateTable, "CREATE TABLE t (a INT)"));
        Assert.Equal(Ignore, Decide(filter, "shop", "t", AlterTable, "ALTER TABLE t ADD b INT"));
        Assert.Equal(Ignore, Decide(filter, "shop", "t", Insert));
    }

    [Theory]
    [InlineData(false, "SHOP_1", "Order_1", Ignore)]
    [InlineData(true, "SHOP_1", "Order_1", FilterDecision.Apply)]
    [InlineData(true, "Shop_1", "Order_1", Ignore)]
    public void Case_sensitivity_follows_the_task_setting(bool caseSensitive, string schema, string table, FilterDecision expected)
    {
        var filter = new BinlogEventFilter([Rule("Shop_*", "Order_?", BinlogFilterAction.Ignore, [All])], caseSensitive);

        Assert.Equal(expected, Decide(filter, schema, table, Insert));
    }

    [Fact]
    public void The_first_event_name_that_settles_the_question_wins()
    {
        var noneFirst = new BinlogEventFilter([Rule("s", "t", BinlogFilterAction.Ignore, [None, Insert])], false);
        var insertFirst = new BinlogEventFilter([Rule("s", "t", BinlogFilterAction.Ignore, [Insert, None])], false);
        var noneDml = new BinlogEventFilter([Rule("s", "t", BinlogFilterAction.Ignore, [NoneDml, Insert, DropTable])], false);

        Assert.Equal(FilterDecision.Apply, Decide(noneFirst, "s", "t", Insert));
        Assert.Equal(Ignore, Decide(insertFirst, "s", "t", Insert));
        Assert.Equal(FilterDecision.Apply, Decide(noneDml, "s", "t", Insert));
        Assert.Equal(Ignore, Decide(noneDml, "s", "t", DropTable));
    }

    [Fact]
    public void Ignore_wins_over_do()
    {
        var filter = new BinlogEventFilter(
            [
                Rule("shop_*", "order_*", BinlogFilterAction.Do, [AllDml]),
                Rule("shop_*", "order_1", BinlogFilterAction.Ignore, [Delete]),
            ],
            false);

        Assert.Equal(Ignore, Decide(filter, "shop_1", "order_1", Delete));
        Assert.Equal(FilterDecision.Apply, Decide(filter, "shop_1", "order_1", Insert));
        Assert.Equal(FilterDecision.Apply, Decide(filter, "shop_1", "order_2", Delete));
    }

    [Theory]
    [InlineData(DropTable, Ignore)]
    [InlineData(TruncateTable, Ignore)]
    [InlineData(ModifyColumn, Ignore)]
    [InlineData(DropColumn, Ignore)]
    [InlineData(CreateTable, FilterDecision.Apply)]
    [InlineData(AlterTable, FilterDecision.Apply)]
    [InlineData(Insert, FilterDecision.Apply)]
    public void Incompatible_ddl_changes_covers_drops_and_the_finer_alter_kinds(BinlogEventKind kind, FilterDecision expected)
    {
        var filter = new BinlogEventFilter([Rule("s", "t", BinlogFilterAction.Ignore, [IncompatibleDdlChanges])], false);

        Assert.Equal(expected, Decide(filter, "s", "t", kind));
    }

    [Fact]
    public void Error_rules_stop_in_dm_rule_tree_order()
    {
        var filter = new BinlogEventFilter(
            [
                Rule("s", "t_1", BinlogFilterAction.Ignore, [DropTable], name: "exact"),
                Rule("s", "t_*", BinlogFilterAction.Error, [DropTable, TruncateTable], name: "star"),
                Rule("s", null, BinlogFilterAction.Ignore, [TruncateTable], name: "schema"),
            ],
            false);

        Assert.Equal(Error, Decide(filter, "s", "t_1", DropTable)); // t_* comes before t_1 in DM's tree
        Assert.Equal(Ignore, Decide(filter, "s", "t_1", TruncateTable)); // schema-level rules come first
        Assert.Equal(Error, Decide(filter, "s", "t_2", DropTable));
    }

    [Fact]
    public void No_rules_apply_everything()
    {
        var filter = new BinlogEventFilter([], false);

        Assert.Equal(FilterDecision.Apply, Decide(filter, "s", "t", Delete));
        Assert.Equal(FilterDecision.Apply, Decide(filter, "s", "", DropDatabase, "DROP DATABASE s"));
    }

    [Fact]
    public void Bad_rules_are_refused_with_their_names()
    {
        Assert.Contains("\"r1\"", Assert.Throws<ArgumentException>(() =>
            new BinlogEventFilter([Rule("", "t", BinlogFilterAction.Ignore, name: "r1")], false)).Message, StringComparison.Ordinal);
        Assert.Contains("\"r2\"", Assert.Throws<ArgumentException>(() =>
            new BinlogEventFilter([Rule("s", "t", BinlogFilterAction.Ignore, sql: ["(unclosed"], name: "r2")], false)).Message, StringComparison.Ordinal);
        Assert.Contains("\"b\"", Assert.Throws<ArgumentException>(() =>
            new BinlogEventFilter(
                [Rule("S", "T", BinlogFilterAction.Ignore, name: "a"), Rule("s", "t", BinlogFilterAction.Do, name: "b")],
                false)).Message, StringComparison.Ordinal);

        // Differently cased patterns are different rules when case matters.
        _ = new BinlogEventFilter([Rule("S", "T", BinlogFilterAction.Ignore), Rule("s", "t", BinlogFilterAction.Do)], true);
    }

    [Fact]
    public void A_group_name_is_not_an_event()
    {
        var filter = new BinlogEventFilter([], false);

        Assert.Throws<ArgumentException>(() => Decide(filter, "s", "t", AllDml));
    }
}
