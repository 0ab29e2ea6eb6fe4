using Sluice.ChangeFeed.Filtering;

namespace Sluice.ChangeFeed.Tests.Filtering;

/// <summary>The examples of TiDB's table-filter document (https://docs.pingcap.com/tidb/stable/table-filter), each as a case.</summary>
public sealed class TableFilterRulesTests
{
    private static bool Match(string schema, string table, bool caseSensitive, params string[] rules) =>
        TableFilterRules.Parse(rules, caseSensitive).MatchTable(schema, table);

    [Theory]
    // Plain names.
    [InlineData("db1.tbl1", "db1", "tbl1", true)]
    [InlineData("db1.tbl1", "db1", "tbl2", false)]
    [InlineData("db1.tbl1", "db2", "tbl1", false)]
    [InlineData("db$_1.t€x", "db$_1", "t€x", true)]
    // Wildcards: db[0-9].tbl[0-9a-f][0-9a-f], data.*, *.backup_*.
    [InlineData("db[0-9].tbl[0-9a-f][0-9a-f]", "db3", "tbl0f", true)]
    [InlineData("db[0-9].tbl[0-9a-f][0-9a-f]", "db3", "tbl0g", false)]
    [InlineData("db[0-9].tbl[0-9a-f][0-9a-f]", "db33", "tbl00", false)]
    [InlineData("db[0-9].tbl[0-9a-f][0-9a-f]", "db3", "tbl0", false)]
    [InlineData("data.*", "data", "anything", true)]
    [InlineData("data.*", "data", "", true)]
    [InlineData("data.*", "data2", "t", false)]
    [InlineData("*.backup_*", "x", "backup_2024", true)]
    [InlineData("*.backup_*", "x", "backup", false)]
    [InlineData("*.backup_*", "x", "my_backup_1", false)]
    [InlineData("db?.t", "db1", "t", true)]
    [InlineData("db?.t", "db", "t", false)]
    [InlineData("db?.t", "db12", "t", false)]
    [InlineData("db[!0-9].t", "dbx", "t", true)]
    [InlineData("db[!0-9].t", "db5", "t", false)]
    [InlineData("a*b*c.t", "aXbYbZc", "t", true)]
    [InlineData("a*b*c.t", "aXbYbZ", "t", false)]
    // A - first or last in a set is itself; ^ first is itself (not a negation).
    [InlineData("db[a-].t", "db-", "t", true)]
    [InlineData("db[-a].t", "db-", "t", true)]
    [InlineData("db[^a].t", "db^", "t", true)]
    [InlineData("db[^a].t", "dbb", "t", false)]
    [InlineData(@"db[\]].t", "db]", "t", true)]
    // Escapes: db\.with\.dots.* is the schema "db.with.dots".
    [InlineData(@"db\.with\.dots.*", "db.with.dots", "t", true)]
    [InlineData(@"db\.with\.dots.*", "dbxwithxdots", "t", false)]
    [InlineData(@"db\*.t", "db*", "t", true)]
    [InlineData(@"db\*.t", "db1", "t", false)]
    [InlineData(@"db[ ].t", "db ", "t", true)]
    // Quoted identifiers: "db.with.dots"."tbl\1" and `db.with.dots`.`tbl\2`.
    [InlineData("\"db.with.dots\".\"tbl\\1\"", "db.with.dots", "tbl\\1", true)]
    [InlineData("`db.with.dots`.`tbl\\2`", "db.with.dots", "tbl\\2", true)]
    [InlineData("`db*`.t", "db*", "t", true)]
    [InlineData("`db*`.t", "db1", "t", false)]
    // A quote doubled inside quotes is the quote: "foo""bar".`foo``bar` is foo\"bar.foo\`bar.
    [InlineData("\"foo\"\"bar\".`foo``bar`", "foo\"bar", "foo`bar", true)]
    [InlineData("foo\\\"bar.foo\\`bar", "foo\"bar", "foo`bar", true)]
    // Regular expressions: found anywhere in the name; /b/ matches db01.
    [InlineData(@"/^db\d{2,}$/./^tbl\d{2,}$/", "db01", "tbl123", true)]
    [InlineData(@"/^db\d{2,}$/./^tbl\d{2,}$/", "db1", "tbl123", false)]
    [InlineData("/b/.*", "db01", "t", true)]
    [InlineData("/b/.*", "dc01", "t", false)]
    [InlineData(@"/a\/b/.t", "xa/by", "t", true)]
    // Surrounding spaces and tabs are trimmed.
    [InlineData(" \tdb.t \t", "db", "t", true)]
    public void A_single_rule_matches_as_the_document_says(string rule, string schema, string table, bool expected)
    {
        Assert.Equal(expected, Match(schema, table, true, rule));
    }

    [Theory]
    // U+00E9 (é) is one character, U+0065 U+0301 (e + combining accent) two, the face-palm emoji sequence five.
    [InlineData("t?.x", "t\u00e9", true)]
    [InlineData("t?.x", "te\u0301", false)]
    [InlineData("t??.x", "te\u0301", true)]
    [InlineData("t?????.x", "t\U0001F926\U0001F3FF\u200D\u2640\uFE0F", true)]
    [InlineData("t????.x", "t\U0001F926\U0001F3FF\u200D\u2640\uFE0F", false)]
    public void A_character_is_a_unicode_code_point(string rule, string schema, bool expected)
    {
        Assert.Equal(expected, Match(schema, "x", true, rule));
    }

    [Fact]
    public void The_last_matching_rule_decides_and_no_match_rejects()
    {
        // The document's table: employees.*, !*.dep*, *.departments.
        var rules = TableFilterRules.Parse(["employees.*", "!*.dep*", "*.departments"], false);

        Assert.False(rules.MatchTable("irrelevant", "table"));
        Assert.True(rules.MatchTable("employees", "employees"));
        Assert.False(rules.MatchTable("employees", "dept_emp"));
        Assert.True(rules.MatchTable("employees", "departments"));
        Assert.True(rules.MatchTable("else", "departments"));
    }

    [Fact]
    public void An_exclusion_alone_rejects_everything_and_after_star_star_rejects_only_itself()
    {
        var alone = TableFilterRules.Parse(["!*.Password"], true);
        Assert.False(alone.MatchTable("db", "t"));
        Assert.False(alone.MatchTable("db", "Password"));

        var blockList = TableFilterRules.Parse(["*.*", "!*.Password", "!employees.salaries"], true);
        Assert.True(blockList.MatchTable("db", "t"));
        Assert.False(blockList.MatchTable("db", "Password"));
        Assert.False(blockList.MatchTable("employees", "salaries"));
        Assert.True(blockList.MatchTable("employees", "titles"));
    }

    [Fact]
    public void Comments_and_blank_rules_are_skipped()
    {
        var rules = TableFilterRules.Parse(["# this line is a comment", "", "   ", "db.t"], true);

        Assert.True(rules.MatchTable("db", "t"));
        Assert.False(rules.MatchTable("db", "u"));
    }

    [Theory]
    [InlineData("db.t", "DB", "T", true)]
    [InlineData("DB.T", "db", "t", true)]
    [InlineData("db[a-c].t", "DBB", "T", true)]
    [InlineData("`Db`.t", "dB", "t", true)]
    [InlineData("/^DB$/.t", "db", "t", true)]
    [InlineData("db.t", "db", "u", false)]
    public void Without_case_sensitivity_names_compare_without_case(string rule, string schema, string table, bool expected)
    {
        Assert.Equal(expected, Match(schema, table, false, rule));
    }

    [Fact]
    public void With_case_sensitivity_names_compare_with_case()
    {
        Assert.False(Match("DB", "T", true, "db.t"));
        Assert.False(Match("DBB", "t", true, "db[a-c].t"));
        Assert.False(Match("db", "t", true, "/^DB$/.t"));
        Assert.True(Match("DB", "t", true, "/^DB$/.t"));
    }

    [Theory]
    // A schema is accepted when some rule could accept a table of it; an exclusion decides only when it names
    // the whole schema (!db.*).
    [InlineData(new[] { "db.t" }, "db", true)]
    [InlineData(new[] { "db.t" }, "other", false)]
    [InlineData(new[] { "*.*", "!db.t" }, "db", true)]
    [InlineData(new[] { "*.*", "!db.*" }, "db", false)]
    [InlineData(new[] { "*.*", "!db.*" }, "other", true)]
    [InlineData(new[] { "!db.*", "db.t" }, "db", true)]
    [InlineData(new[] { "db*.*", "!db1.*" }, "db1", false)]
    [InlineData(new[] { "db*.*", "!db1.*" }, "db2", true)]
    [InlineData(new[] { "!*.Password" }, "db", false)]
    public void A_schema_alone_is_decided_as_TiDB_MatchSchema_does(string[] rules, string schema, bool expected)
    {
        Assert.Equal(expected, TableFilterRules.Parse(rules, true).MatchSchema(schema));
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("information_schema")]
    [InlineData("INFORMATION_SCHEMA")]
    [InlineData("performance_schema")]
    [InlineData("sys")]
    public void System_schemas_are_always_left_out(string schema)
    {
        var rules = TableFilterRules.Parse(["*.*", $"{schema}.*"], false);

        Assert.True(rules.MatchTable(schema, "user"));
        Assert.True(rules.ShouldIgnoreTable(schema, "user"));
        Assert.True(rules.ShouldIgnoreSchema(schema));
        Assert.False(rules.ShouldIgnoreTable("app", "user"));
        Assert.False(rules.ShouldIgnoreSchema("app"));
    }

    [Fact]
    public void A_changefeed_without_rules_takes_every_table()
    {
        var rules = TableFilterRules.ForChangefeed(new ChangefeedOptions { FilterRules = [] });

        Assert.True(rules.MatchTable("any", "table"));
        Assert.False(TableFilterRules.Parse([], false).MatchTable("any", "table"));
    }

    [Theory]
    [InlineData("db", "wrong table pattern")]
    [InlineData("db.", "syntax error: missing pattern")]
    [InlineData("db.t.u", "syntax error: stray characters after table pattern")]
    [InlineData("db-1.t", "unexpected special character '-'")]
    [InlineData("db.table # but this part is not comment", "unexpected special character ' '")]
    [InlineData(@"db.t\", @"syntax error: cannot place \ at end of line")]
    [InlineData(@"db\0.t", @"cannot escape a letter or number (\0), it is reserved for future extension")]
    [InlineData(@"db\n.t", @"cannot escape a letter or number (\n), it is reserved for future extension")]
    [InlineData("\"this is \"invalid*.*", "syntax error: missing '.' between schema and table patterns")]
    [InlineData("\"db.t", "syntax error: incomplete quoted identifier")]
    [InlineData("``.t", "syntax error: incomplete quoted identifier")]
    [InlineData("/db.t", "syntax error: incomplete regexp")]
    [InlineData("db[a-.t", "syntax error: failed to parse character class")]
    [InlineData("db[].t", "syntax error: failed to parse character class")]
    [InlineData(@"db[\a].t", "syntax error: failed to parse character class")]
    [InlineData("@filter.txt", "importing filter files is not supported; write the rules themselves")]
    public void A_rule_that_breaks_the_syntax_is_refused_by_name(string rule, string reason)
    {
        var ex = Assert.Throws<TableFilterRuleException>(() => TableFilterRules.Parse(["*.*", rule], true));

        Assert.Equal(rule, ex.Rule);
        Assert.Equal(reason, ex.Reason);
        Assert.Contains($"'{rule}'", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(ex);
    }

    [Theory]
    [InlineData("db[z-a].t")]
    [InlineData("/(/.t")]
    [InlineData(@"/(a)\1/.t")]
    public void A_pattern_that_does_not_compile_is_refused(string rule)
    {
        var ex = Assert.Throws<TableFilterRuleException>(() => TableFilterRules.Parse([rule], true));

        Assert.StartsWith("invalid pattern: ", ex.Reason, StringComparison.Ordinal);
    }
}
