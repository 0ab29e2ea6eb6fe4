using Sluice.Replication.Filtering;
using Sluice.Replication.Routing;

namespace Sluice.Replication.Tests.Routing;

public sealed class TableRouterTests
{
    private static TableName T(string schema, string table) => new(schema, table);

    private static RouteRule TableRule(string schema, string table, string targetSchema, string? targetTable, string? name = null) =>
        new(schema, table, targetSchema, targetTable) { Name = name };

    private static RouteRule SchemaRule(string schema, string targetSchema, string? name = null) =>
        new(schema, null, targetSchema, null) { Name = name };

    [Fact]
    public void Shards_merge_into_one_table_and_their_schemas_into_one_schema()
    {
        var router = new TableRouter(
            [
                TableRule("shard_db_*", "t_*", "merged", "t", "rule-1"),
                SchemaRule("shard_db_*", "merged", "rule-2"),
            ],
            caseSensitive: false);

        Assert.Equal(T("merged", "t"), router.Route(T("shard_db_1", "t_1")));
        Assert.Equal(T("merged", "t"), router.Route(T("shard_db_2", "t_99")));
        // Tables of a shard schema outside the table rule keep their name in the merged schema.
        Assert.Equal(T("merged", "config"), router.Route(T("shard_db_2", "config")));
        Assert.Equal("merged", router.RouteSchema("shard_db_3"));
        // Nothing else moves.
        Assert.Equal(T("shop", "t_1"), router.Route(T("shop", "t_1")));
        Assert.Equal("shop", router.RouteSchema("shop"));
    }

    [Fact]
    public void A_table_rule_does_not_route_its_schema_on_its_own()
    {
        // DM's docs: the schema needs its own rule, for CREATE/DROP DATABASE.
        var router = new TableRouter([TableRule("shard_db_*", "t_*", "merged", "t")], caseSensitive: false);

        Assert.Equal(T("merged", "t"), router.Route(T("shard_db_1", "t_1")));
        Assert.Equal("shard_db_1", router.RouteSchema("shard_db_1"));
        Assert.Equal(T("shard_db_1", "other"), router.Route(T("shard_db_1", "other")));
    }

    [Fact]
    public void A_schema_rule_moves_every_table_keeping_its_name()
    {
        var router = new TableRouter([SchemaRule("tenant_?", "tenants")], caseSensitive: false);

        Assert.Equal(T("tenants", "orders"), router.Route(T("tenant_a", "orders")));
        Assert.Equal(T("tenants", "users"), router.Route(T("tenant_b", "users")));
        Assert.Equal("tenants", router.RouteSchema("tenant_c"));
        Assert.Equal(T("tenant_ab", "orders"), router.Route(T("tenant_ab", "orders")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_table_rule_without_target_table_keeps_the_table_name(string? targetTable)
    {
        var router = new TableRouter([TableRule("shop", "order*", "sales", targetTable)], caseSensitive: false);

        Assert.Equal(T("sales", "orders"), router.Route(T("shop", "orders")));
        Assert.Equal(T("sales", "order_items"), router.Route(T("shop", "order_items")));
        Assert.Equal(T("shop", "customers"), router.Route(T("shop", "customers")));
    }

    [Fact]
    public void A_schema_rule_with_a_target_table_sends_every_table_there_as_DM_does()
    {
        var router = new TableRouter([new RouteRule("logs_*", null, "logs", "all_logs")], caseSensitive: false);

        Assert.Equal(T("logs", "all_logs"), router.Route(T("logs_2024", "errors")));
        Assert.Equal("logs", router.RouteSchema("logs_2024"));
    }

    [Fact]
    public void Table_rules_win_over_schema_rules_in_any_order()
    {
        RouteRule[] rules =
        [
            SchemaRule("shop_*", "shop"),
            TableRule("shop_*", "orders", "sales", "all_orders"),
        ];

        foreach (var order in new[] { rules, Enumerable.Reverse(rules).ToArray() })
        {
            var router = new TableRouter(order, caseSensitive: false);

            Assert.Equal(T("sales", "all_orders"), router.Route(T("shop_eu", "orders")));
            Assert.Equal(T("shop", "customers"), router.Route(T("shop_eu", "customers")));
            Assert.Equal("shop", router.RouteSchema("shop_eu"));
        }
    }

    [Fact]
    public void Two_table_rules_matching_one_table_are_a_conflict()
    {
        // DM's docs' "incorrect table routing", with our own names.
        var router = new TableRouter(
            [
                TableRule("shard_*", "t_*", "merged", "t", "rule-1"),
                TableRule("shard_1_bak", "t_1_bak", "merged", "t_bak", "rule-2"),
            ],
            caseSensitive: false);

        Assert.Equal(T("merged", "t"), router.Route(T("shard_2", "t_2")));
        var e = Assert.Throws<RouteConflictException>(() => router.Route(T("shard_1_bak", "t_1_bak")));
        Assert.Contains("`shard_1_bak`.`t_1_bak`", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"rule-1\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"rule-2\"", e.Message, StringComparison.Ordinal);
        Assert.Equal("shard_1_bak", e.Schema);
        Assert.Equal("t_1_bak", e.Table);
        Assert.Equal(new[] { "rule-1", "rule-2" }, e.Rules.Select(r => r.Name));
        Assert.IsAssignableFrom<ArgumentException>(e);
    }

    [Fact]
    public void Table_rules_matching_one_table_conflict_even_with_the_same_target()
    {
        var router = new TableRouter(
            [
                TableRule("~^shard_[0-9]+$", "t_*", "merged", "t"),
                TableRule("shard_*", "~^t_[0-9]+$", "merged", "t"),
            ],
            caseSensitive: false);

        Assert.Throws<RouteConflictException>(() => router.Route(T("shard_1", "t_1")));
        Assert.Equal(T("merged", "t"), router.Route(T("shard_x", "t_1")));
    }

    [Fact]
    public void Two_schema_rules_matching_one_schema_are_a_conflict_unless_a_table_rule_decides()
    {
        var router = new TableRouter(
            [
                SchemaRule("app_*", "app"),
                SchemaRule("~^app_(eu|us)$", "regional"),
                TableRule("app_eu", "orders", "sales", "orders"),
            ],
            caseSensitive: false);

        Assert.Equal(T("sales", "orders"), router.Route(T("app_eu", "orders")));
        Assert.Throws<RouteConflictException>(() => router.Route(T("app_eu", "users")));
        var e = Assert.Throws<RouteConflictException>(() => router.RouteSchema("app_us"));
        Assert.Null(e.Table);
        Assert.Contains("`app_us`", e.Message, StringComparison.Ordinal);
        Assert.Equal("app", router.RouteSchema("app_asia"));
    }

    [Fact]
    public void Rules_with_the_same_patterns_are_refused_at_construction()
    {
        var tables = Assert.Throws<ArgumentException>(() => new TableRouter(
            [
                TableRule("shard_*", "t_*", "a", "t", "rule-1"),
                TableRule("shard_*", "t_*", "b", "t", "rule-2"),
            ],
            caseSensitive: false));
        Assert.Contains("\"rule-1\"", tables.Message, StringComparison.Ordinal);
        Assert.Contains("\"rule-2\"", tables.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => new TableRouter(
            [SchemaRule("shard_*", "a"), SchemaRule("shard_*", "a")],
            caseSensitive: false));

        // Patterns that differ in case only are the same patterns when case does not matter.
        Assert.Throws<ArgumentException>(() => new TableRouter(
            [SchemaRule("Shard_*", "a"), SchemaRule("shard_*", "b")],
            caseSensitive: false));
        _ = new TableRouter([SchemaRule("Shard_*", "a"), SchemaRule("shard_*", "b")], caseSensitive: true);

        // A schema rule and a table rule on the same schema pattern are different levels, not a conflict.
        _ = new TableRouter([SchemaRule("shard_*", "a"), TableRule("shard_*", "t", "a", "t")], caseSensitive: false);
    }

    [Theory]
    [InlineData("merged_*", "t")]
    [InlineData("merged", "t_*")]
    [InlineData("merged?", "t")]
    [InlineData("merged", "t?")]
    public void A_wildcard_in_a_target_is_refused_naming_the_rule(string targetSchema, string targetTable)
    {
        var e = Assert.Throws<ArgumentException>(() => new TableRouter(
            [TableRule("shard_*", "t_*", targetSchema, targetTable, "merge-shards")],
            caseSensitive: false));

        Assert.Contains("\"merge-shards\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("wildcard", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Incomplete_or_broken_rules_are_refused_naming_the_rule()
    {
        var noSchemaPattern = Assert.Throws<ArgumentException>(() => new TableRouter(
            [new RouteRule("", "t", "merged", "t") { Name = "r1" }], caseSensitive: false));
        Assert.Contains("\"r1\"", noSchemaPattern.Message, StringComparison.Ordinal);
        Assert.Contains("schema-pattern", noSchemaPattern.Message, StringComparison.Ordinal);

        var noTarget = Assert.Throws<ArgumentException>(() => new TableRouter(
            [new RouteRule("shard_*", null, "", null) { Name = "r2" }], caseSensitive: false));
        Assert.Contains("\"r2\"", noTarget.Message, StringComparison.Ordinal);
        Assert.Contains("target-schema", noTarget.Message, StringComparison.Ordinal);

        var badRegex = Assert.Throws<ArgumentException>(() => new TableRouter(
            [TableRule("shard_*", "~t_(", "merged", "t", "r3")], caseSensitive: false));
        Assert.Contains("\"r3\"", badRegex.Message, StringComparison.Ordinal);
        Assert.Contains("table-pattern", badRegex.Message, StringComparison.Ordinal);

        // Without a name, the rule is named by its patterns.
        var unnamed = Assert.Throws<ArgumentException>(() => new TableRouter(
            [TableRule("shard_*", "t_*", "m*", "t")], caseSensitive: false));
        Assert.Contains("schema-pattern \"shard_*\", table-pattern \"t_*\"", unnamed.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => new TableRouter([null!], caseSensitive: false));
    }

    [Fact]
    public void Patterns_compare_without_case_unless_asked_and_targets_keep_their_case()
    {
        RouteRule[] rules = [TableRule("Shard_*", "T_*", "Merged", "T"), SchemaRule("Shard_*", "Merged")];
        var insensitive = new TableRouter(rules, caseSensitive: false);
        var sensitive = new TableRouter(rules, caseSensitive: true);

        Assert.Equal(T("Merged", "T"), insensitive.Route(T("SHARD_1", "t_1")));
        Assert.Equal("Merged", insensitive.RouteSchema("shard_2"));
        Assert.Equal(T("SHARD_1", "t_1"), sensitive.Route(T("SHARD_1", "t_1")));
        Assert.Equal(T("Merged", "t_1"), sensitive.Route(T("Shard_1", "t_1")));
        Assert.Equal(T("Merged", "T"), sensitive.Route(T("Shard_1", "T_1")));
        Assert.Equal("shard_2", sensitive.RouteSchema("shard_2"));
        Assert.True(sensitive.CaseSensitive);
    }

    [Fact]
    public void Regular_expressions_route_too()
    {
        var router = new TableRouter(
            [
                TableRule("~^shard_[0-9]{2}$", "~^orders_[0-9]+$", "merged", "orders"),
                SchemaRule("~^shard_[0-9]{2}$", "merged"),
            ],
            caseSensitive: false);

        Assert.Equal(T("merged", "orders"), router.Route(T("shard_07", "orders_3")));
        Assert.Equal(T("merged", "orders_x"), router.Route(T("shard_07", "orders_x")));
        Assert.Equal(T("shard_7", "orders_3"), router.Route(T("shard_7", "orders_3")));
    }

    [Fact]
    public void No_rules_route_nothing()
    {
        var router = new TableRouter([], caseSensitive: false);

        Assert.Equal(T("shop", "orders"), router.Route(T("shop", "orders")));
        Assert.Equal("shop", router.RouteSchema("shop"));
    }

    [Fact]
    public void Names_to_route_must_be_given()
    {
        var router = new TableRouter([SchemaRule("a", "b")], caseSensitive: false);

        Assert.Throws<ArgumentException>(() => router.Route(T("a", "")));
        Assert.ThrowsAny<ArgumentException>(() => router.Route(default));
        Assert.ThrowsAny<ArgumentException>(() => router.RouteSchema(""));
    }

    [Fact]
    public void Routing_allocates_nothing()
    {
        var router = new TableRouter(
            [TableRule("shard_*", "t_*", "merged", "t"), SchemaRule("~^shard_", "merged")],
            caseSensitive: false);
        var table = T("SHARD_01", "T_7");
        var routed = default(TableName);

        var bytes = Allocations.Measure(() =>
        {
            routed = router.Route(table);
            _ = router.RouteSchema(table.Schema);
        });

        Assert.Equal(0, bytes);
        Assert.Equal(T("merged", "t"), routed);
    }
}
