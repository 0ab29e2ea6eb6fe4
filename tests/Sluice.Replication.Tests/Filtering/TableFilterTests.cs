using Sluice.Replication.Filtering;

namespace Sluice.Replication.Tests.Filtering;

public sealed class TableFilterTests
{
    private static TableName T(string schema, string table) => new(schema, table);

    private static TableFilter Filter(
        string[]? doDbs = null,
        string[]? ignoreDbs = null,
        TablePattern[]? doTables = null,
        TablePattern[]? ignoreTables = null,
        bool caseSensitive = false) =>
        new(
            new BlockAllowList
            {
                DoDbs = doDbs ?? [],
                IgnoreDbs = ignoreDbs ?? [],
                DoTables = doTables ?? [],
                IgnoreTables = ignoreTables ?? [],
            },
            caseSensitive);

    // An equivalent of the worked example in DM's docs, with our own names: do-dbs picks the schemas, ignore-dbs
    // is then not read, do-tables picks the tables, and ignore-tables is then not read either (its tbl-name
    // "^orders.*" has no ~, so it would be a wildcard anyway).
    [Theory]
    [InlineData("audit", "events_2021", false)] // audit is in no do-dbs, whatever do-tables says
    [InlineData("audit", "events_2023", false)] // ... even though do-tables has audit.~_2023$
    [InlineData("shop_archive_2021", "orders", false)] // not in do-dbs
    [InlineData("shop_archive_2022", "orders", false)] // not in do-dbs
    [InlineData("shop", "customers", false)] // in do-dbs, but matches no do-tables entry
    [InlineData("shop", "orders", true)] // in do-dbs and matches ~^shop.* / orders
    [InlineData("shop_archive_2023", "orders", true)] // in do-dbs though ignore-dbs matches it too
    public void The_documented_example_decides_each_table(string schema, string table, bool allowed)
    {
        var filter = Filter(
            doDbs: ["shop_archive_2023", "shop"],
            ignoreDbs: ["~^shop_archive_"],
            doTables: [new("audit", "~_2023$"), new("~^shop.*", "orders")],
            ignoreTables: [new("~.*", "^orders.*")]);

        Assert.Equal(allowed, filter.Allows(T(schema, table)));
    }

    [Fact]
    public void Do_dbs_keeps_only_matching_schemas()
    {
        var filter = Filter(doDbs: ["shop*", "~^crm$"]);

        Assert.True(filter.Allows(T("shop", "orders")));
        Assert.True(filter.Allows(T("shop_eu", "orders")));
        Assert.True(filter.Allows(T("crm", "contacts")));
        Assert.False(filter.Allows(T("crm_old", "contacts")));
        Assert.False(filter.Allows(T("billing", "invoices")));
    }

    [Fact]
    public void Ignore_dbs_is_not_read_when_do_dbs_is_set()
    {
        var filter = Filter(doDbs: ["shop*"], ignoreDbs: ["shop_tmp", "billing"]);

        Assert.True(filter.Allows(T("shop_tmp", "orders")));
        Assert.True(filter.AllowsSchema("shop_tmp"));
        Assert.False(filter.Allows(T("billing", "invoices")));
    }

    [Fact]
    public void Ignore_dbs_alone_drops_matching_schemas()
    {
        var filter = Filter(ignoreDbs: ["~^tmp_", "scratch"]);

        Assert.False(filter.Allows(T("tmp_2024", "t")));
        Assert.False(filter.Allows(T("scratch", "t")));
        Assert.True(filter.Allows(T("shop", "t")));
        Assert.True(filter.Allows(T("my_tmp_2024", "t")));
    }

    [Fact]
    public void Do_tables_keeps_only_matching_tables()
    {
        var filter = Filter(doTables: [new("shop", "orders"), new("shop_*", "order_items_[0-9]")]);

        Assert.True(filter.Allows(T("shop", "orders")));
        Assert.True(filter.Allows(T("shop_eu", "order_items_3")));
        Assert.False(filter.Allows(T("shop", "order_items_3")));
        Assert.False(filter.Allows(T("shop", "customers")));
        Assert.False(filter.Allows(T("billing", "orders")));
    }

    [Fact]
    public void Do_tables_wins_over_ignore_tables()
    {
        var filter = Filter(
            doTables: [new("shop", "orders*")],
            ignoreTables: [new("shop", "orders_tmp"), new("shop", "customers")]);

        // Matches both lists: do-tables decides.
        Assert.True(filter.Allows(T("shop", "orders_tmp")));
        // Matches neither: do-tables is set, so the table is dropped though ignore-tables would let it through.
        Assert.False(filter.Allows(T("shop", "products")));
        // Matches ignore-tables only: dropped, by do-tables.
        Assert.False(filter.Allows(T("shop", "customers")));
    }

    [Fact]
    public void Ignore_tables_alone_drops_matching_tables()
    {
        var filter = Filter(ignoreTables: [new("~.*", "~_(bak|tmp)$"), new("shop", "log")]);

        Assert.False(filter.Allows(T("shop", "orders_bak")));
        Assert.False(filter.Allows(T("crm", "contacts_tmp")));
        Assert.False(filter.Allows(T("shop", "log")));
        Assert.True(filter.Allows(T("crm", "log")));
        Assert.True(filter.Allows(T("shop", "orders")));
    }

    [Fact]
    public void The_schema_level_runs_before_the_table_level()
    {
        // ignore-dbs drops the schema though do-tables names the table.
        var ignoring = Filter(ignoreDbs: ["shop"], doTables: [new("shop", "orders")]);
        Assert.False(ignoring.Allows(T("shop", "orders")));

        // A schema that passes the schema level still has to pass do-tables.
        var listing = Filter(ignoreDbs: ["billing"], doTables: [new("shop", "orders")]);
        Assert.True(listing.Allows(T("shop", "orders")));
        Assert.False(listing.Allows(T("crm", "contacts")));
    }

    [Fact]
    public void A_schema_on_its_own_is_decided_at_the_schema_level_only()
    {
        var filter = Filter(ignoreDbs: ["billing"], doTables: [new("shop", "orders")]);

        Assert.True(filter.AllowsSchema("shop"));
        Assert.True(filter.AllowsSchema("crm"));
        Assert.False(filter.AllowsSchema("billing"));

        var doing = Filter(doDbs: ["shop"], doTables: [new("crm", "contacts")]);
        Assert.True(doing.AllowsSchema("shop"));
        Assert.False(doing.AllowsSchema("crm"));
    }

    [Fact]
    public void Db_and_table_patterns_mix_wildcards_and_regular_expressions()
    {
        var filter = Filter(doTables:
        [
            new("~^shard_[0-9]+$", "orders_*"),
            new("archive_?", "~^(orders|items)$"),
        ]);

        Assert.True(filter.Allows(T("shard_12", "orders_2024")));
        Assert.False(filter.Allows(T("shard_x", "orders_2024")));
        Assert.True(filter.Allows(T("archive_1", "items")));
        Assert.False(filter.Allows(T("archive_1", "items_old")));
        Assert.False(filter.Allows(T("archive_12", "items")));
    }

    [Fact]
    public void An_empty_list_or_no_list_takes_everything_but_system_schemas()
    {
        foreach (var filter in new[] { new TableFilter(null, caseSensitive: false), Filter() })
        {
            Assert.True(filter.Allows(T("shop", "orders")));
            Assert.True(filter.AllowsSchema("shop"));
            Assert.False(filter.Allows(T("mysql", "user")));
            Assert.False(filter.Allows(T("information_schema", "TABLES")));
            Assert.False(filter.Allows(T("performance_schema", "threads")));
            Assert.False(filter.Allows(T("sys", "version")));
            Assert.False(filter.AllowsSchema("mysql"));
        }
    }

    [Fact]
    public void System_schemas_stay_out_even_when_listed()
    {
        var filter = Filter(doDbs: ["*"], doTables: [new("mysql", "*"), new("*", "*")]);

        Assert.False(filter.Allows(T("mysql", "user")));
        Assert.False(filter.Allows(T("MySQL", "user")));
        Assert.False(filter.AllowsSchema("sys"));
        Assert.True(filter.Allows(T("shop", "orders")));
    }

    [Theory]
    [InlineData("mysql", true)]
    [InlineData("MYSQL", true)]
    [InlineData("information_schema", true)]
    [InlineData("INFORMATION_SCHEMA", true)]
    [InlineData("performance_schema", true)]
    [InlineData("sys", true)]
    [InlineData("metrics_schema", true)]
    [InlineData("inspection_schema", true)]
    [InlineData("dm_heartbeat", true)]
    [InlineData("mysql2", false)]
    [InlineData("my_sql", false)]
    [InlineData("system", false)]
    [InlineData("dm_meta", false)]
    [InlineData("shop", false)]
    public void System_schemas_are_known_without_case(string schema, bool system)
    {
        Assert.Equal(system, TableFilter.IsSystemSchema(schema));
    }

    [Fact]
    public void Names_compare_without_case_unless_asked()
    {
        var insensitive = Filter(doDbs: ["Shop*"], doTables: [new("SHOP", "~^Orders$")]);
        var sensitive = Filter(doDbs: ["Shop*"], doTables: [new("SHOP", "~^Orders$")], caseSensitive: true);

        Assert.True(insensitive.Allows(T("shop", "orders")));
        Assert.True(insensitive.AllowsSchema("SHOP_EU"));
        Assert.False(sensitive.Allows(T("shop", "orders")));
        Assert.False(sensitive.AllowsSchema("SHOP_EU"));
        Assert.True(sensitive.AllowsSchema("Shop_EU"));
        Assert.False(sensitive.Allows(T("SHOP", "Orders")));
        Assert.True(insensitive.CaseSensitive is false && sensitive.CaseSensitive);
    }

    [Fact]
    public void Empty_or_broken_entries_are_refused_with_their_place()
    {
        var emptyDb = Assert.Throws<ArgumentException>(() => Filter(doDbs: ["shop", ""]));
        Assert.Contains("do-dbs[1]", emptyDb.Message, StringComparison.Ordinal);

        var emptyTable = Assert.Throws<ArgumentException>(() => Filter(ignoreTables: [new("shop", "")]));
        Assert.Contains("ignore-tables[0].tbl-name", emptyTable.Message, StringComparison.Ordinal);

        var nullDb = Assert.Throws<ArgumentException>(() => Filter(doTables: [new(null!, "t")]));
        Assert.Contains("do-tables[0].db-name", nullDb.Message, StringComparison.Ordinal);

        var badRegex = Assert.Throws<ArgumentException>(() => Filter(ignoreDbs: ["~(tmp"]));
        Assert.Contains("ignore-dbs[0]", badRegex.Message, StringComparison.Ordinal);
        Assert.Contains("~(tmp", badRegex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_to_decide_must_be_given()
    {
        var filter = Filter();

        Assert.Throws<ArgumentException>(() => filter.Allows(T("shop", "")));
        Assert.Throws<ArgumentException>(() => filter.Allows(T("", "orders")));
        Assert.ThrowsAny<ArgumentException>(() => filter.Allows(default));
        Assert.ThrowsAny<ArgumentException>(() => filter.AllowsSchema(""));
    }

    [Fact]
    public void Deciding_allocates_nothing()
    {
        var filter = Filter(
            doDbs: ["shop*", "~^crm$"],
            doTables: [new("shop_*", "orders_[0-9]"), new("~^crm$", "~^contacts")]);
        var table = T("SHOP_EU", "Orders_7");
        var allowed = false;

        var bytes = Allocations.Measure(() => allowed = filter.Allows(table) && filter.AllowsSchema(table.Schema));

        Assert.Equal(0, bytes);
        Assert.True(allowed);
    }
}
