using Sluice.ChangeFeed.Filtering;
using Sluice.ChangeFeed.Model;
using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Tests.Filtering;

/// <summary>ignore_event names against DDL kinds and ALTER TABLE clauses, ignore_sql, and how DDL is matched to rules
/// (https://docs.pingcap.com/tidb/stable/ticdc-filter#event-filter-rules).</summary>
public sealed class EventFilterDdlTests
{
    private static EventFilter Filter(string matcher, string[] ignoreEvent, string[]? ignoreSql = null) =>
        new(new ChangefeedOptions
        {
            EventFilters = [new EventFilterRule { Matcher = [matcher], IgnoreEvent = ignoreEvent, IgnoreSql = ignoreSql ?? [] }],
        });

    private static DdlEvent Ddl(DdlKind kind, string query, string schema = "app", string? table = "t", (string, string)? previous = null) => new()
    {
        CommitTs = new Tso(100),
        StartTs = new Tso(99),
        Schema = schema,
        Table = table,
        Query = query,
        Kind = kind,
        PreviousName = previous,
    };

    /// <summary>Each statement with the one event name it is, as TiCDC names it.</summary>
    public static TheoryData<DdlKind, string, string> Events => new()
    {
        { DdlKind.CreateTable, "CREATE TABLE t (id INT PRIMARY KEY)", "create table" },
        { DdlKind.CreateTable, "CREATE TABLE t LIKE u", "create table" },
        { DdlKind.DropTable, "DROP TABLE t", "drop table" },
        { DdlKind.TruncateTable, "TRUNCATE TABLE t", "truncate table" },
        { DdlKind.RenameTable, "RENAME TABLE u TO t", "rename table" },
        { DdlKind.RenameTable, "ALTER TABLE u RENAME TO t", "rename table" },
        { DdlKind.CreateView, "CREATE VIEW t AS SELECT 1", "create view" },
        { DdlKind.DropView, "DROP VIEW t", "drop view" },
        { DdlKind.CreateIndex, "CREATE INDEX i ON t (a)", "create index" },
        { DdlKind.CreateIndex, "CREATE UNIQUE INDEX i ON t (a)", "add index" },
        { DdlKind.DropIndex, "DROP INDEX i ON t", "drop index" },
        { DdlKind.DropIndex, "DROP INDEX `PRIMARY` ON t", "drop primary key" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD COLUMN c INT", "add column" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD c INT AFTER b", "add column" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD COLUMN (c INT, d INT)", "add column" },
        { DdlKind.AlterTable, "ALTER TABLE `app`.`t` ADD COLUMN IF NOT EXISTS c INT", "add column" },
        { DdlKind.AlterTable, "ALTER TABLE t DROP COLUMN c", "drop column" },
        { DdlKind.AlterTable, "ALTER TABLE t DROP c", "drop column" },
        { DdlKind.AlterTable, "ALTER TABLE t MODIFY COLUMN c BIGINT", "modify column" },
        { DdlKind.AlterTable, "ALTER TABLE t CHANGE c d BIGINT", "modify column" },
        { DdlKind.AlterTable, "ALTER TABLE t RENAME COLUMN c TO d", "modify column" },
        { DdlKind.AlterTable, "ALTER TABLE t ALTER COLUMN c SET DEFAULT 5", "set default value" },
        { DdlKind.AlterTable, "ALTER TABLE t ALTER c DROP DEFAULT", "set default value" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD PRIMARY KEY (id)", "add primary key" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY (id)", "add primary key" },
        { DdlKind.AlterTable, "ALTER TABLE t DROP PRIMARY KEY", "drop primary key" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD INDEX i (a)", "create index" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD UNIQUE KEY u (a)", "create index" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a)", "create index" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD FULLTEXT INDEX f (body)", "create index" },
        { DdlKind.AlterTable, "ALTER TABLE t DROP INDEX i", "drop index" },
        { DdlKind.AlterTable, "ALTER TABLE t DROP KEY i", "drop index" },
        { DdlKind.AlterTable, "ALTER TABLE t RENAME INDEX i TO j", "rename index" },
        { DdlKind.AlterTable, "ALTER TABLE t ALTER INDEX i INVISIBLE", "alter index visibility" },
        { DdlKind.AlterTable, "ALTER TABLE t COMMENT = 'orders'", "modify table comment" },
        { DdlKind.AlterTable, "ALTER TABLE t ENGINE=InnoDB COMMENT 'orders, paid'", "modify table comment" },
        { DdlKind.AlterTable, "ALTER TABLE t AUTO_INCREMENT = 1000", "rebase auto id" },
        { DdlKind.AlterTable, "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4", "modify table charset and collate" },
        { DdlKind.AlterTable, "ALTER TABLE t DEFAULT CHARSET = utf8mb4 COLLATE utf8mb4_bin", "modify table charset and collate" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD PARTITION (PARTITION p3 VALUES LESS THAN (2000))", "add table partition" },
        { DdlKind.AlterTable, "ALTER TABLE t DROP PARTITION p0", "drop table partition" },
        { DdlKind.AlterTable, "ALTER TABLE t TRUNCATE PARTITION p0", "truncate table partition" },
        { DdlKind.AlterTable, "ALTER TABLE t EXCHANGE PARTITION p0 WITH TABLE u", "exchange table partition" },
        { DdlKind.AlterTable, "ALTER TABLE t REORGANIZE PARTITION p0 INTO (PARTITION a VALUES LESS THAN (5), PARTITION b VALUES LESS THAN (10))", "reorganize table partition" },
        { DdlKind.AlterTable, "ALTER TABLE t PARTITION BY HASH(id) PARTITIONS 4", "alter table partitioning" },
        { DdlKind.AlterTable, "ALTER TABLE t REMOVE PARTITIONING", "remove table partitioning" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD COLUMN c INT, DROP COLUMN d", "multi schema change" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD COLUMN c INT DEFAULT 1, ADD INDEX i (c, d)", "multi schema change" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD COLUMN c INT, ALGORITHM=INPLACE, LOCK=NONE", "add column" },
        { DdlKind.AlterTable, "ALTER TABLE t /* why */ ADD COLUMN c INT -- note, with a comma\n", "add column" },
        { DdlKind.AlterTable, "ALTER TABLE t ADD COLUMN c ENUM('a,b', 'c')", "add column" },
        { DdlKind.AlterTable, "ALTER TABLE t /*!50100 PARTITION BY HASH (id) */", "alter table partitioning" },
        { DdlKind.AlterTable, "ALTER ONLINE TABLE t WAIT 5 MODIFY c BIGINT", "modify column" },
        { DdlKind.AlterDatabase, "ALTER DATABASE app CHARACTER SET utf8mb4", "modify schema charset and collate" },
        { DdlKind.CreateDatabase, "CREATE DATABASE app", "create schema" },
        { DdlKind.CreateDatabase, "CREATE SCHEMA app", "create database" },
        { DdlKind.DropDatabase, "DROP DATABASE app", "drop schema" },
        { DdlKind.DropDatabase, "DROP SCHEMA app", "drop database" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_statement_is_left_out_by_its_own_event_name_and_all_ddl_only(DdlKind kind, string query, string name)
    {
        var database = kind is DdlKind.CreateDatabase or DdlKind.DropDatabase or DdlKind.AlterDatabase;
        var ddl = Ddl(kind, query, table: database ? null : "t");

        Assert.True(Filter("app.t", [name]).ShouldIgnoreDdl(ddl), $"'{name}' should leave out {query}");
        Assert.True(Filter("app.t", ["all ddl"]).ShouldIgnoreDdl(ddl));
        Assert.False(Filter("app.t", ["all dml", "insert", "update", "delete"]).ShouldIgnoreDdl(ddl));

        var others = Events.Select(row => row.Data.Item3).Where(other => !Same(other, name)).Distinct().ToArray();
        foreach (var other in others)
            Assert.False(Filter("app.t", [other]).ShouldIgnoreDdl(ddl), $"'{other}' should not leave out {query}");
    }

    private static bool Same(string a, string b)
    {
        string[][] aliases = [["create schema", "create database"], ["drop schema", "drop database"], ["create index", "add index"]];
        return a == b || aliases.Any(names => names.Contains(a) && names.Contains(b));
    }

    [Theory]
    [InlineData(DdlKind.AlterTable, "ALTER TABLE t ADD COLUMN c INT", true)]
    [InlineData(DdlKind.AlterTable, "ALTER TABLE t ADD COLUMN c INT, DROP COLUMN d", true)]
    [InlineData(DdlKind.AlterTable, "ALTER TABLE t ENGINE = InnoDB", true)]
    [InlineData(DdlKind.AlterTable, "ALTER TABLE t ADD FOREIGN KEY (p) REFERENCES p (id)", true)]
    [InlineData(DdlKind.CreateIndex, "CREATE INDEX i ON t (a)", true)]
    [InlineData(DdlKind.DropIndex, "DROP INDEX i ON t", true)]
    [InlineData(DdlKind.RenameTable, "RENAME TABLE u TO t", true)]
    [InlineData(DdlKind.CreateTable, "CREATE TABLE t (id INT)", false)]
    [InlineData(DdlKind.DropTable, "DROP TABLE t", false)]
    [InlineData(DdlKind.TruncateTable, "TRUNCATE TABLE t", false)]
    public void Alter_table_covers_every_alter_clause_and_index_statements_and_renames(DdlKind kind, string query, bool ignored)
    {
        Assert.Equal(ignored, Filter("app.t", ["alter table"]).ShouldIgnoreDdl(Ddl(kind, query)));
    }

    [Fact]
    public void Alter_table_clauses_TiCDC_does_not_name_are_left_out_only_by_alter_table_all_ddl_or_sql()
    {
        var ddl = Ddl(DdlKind.AlterTable, "ALTER TABLE t ENGINE = InnoDB");

        Assert.False(Filter("app.t", ["modify column", "add column", "modify table comment"]).ShouldIgnoreDdl(ddl));
        Assert.True(Filter("app.t", ["all ddl"]).ShouldIgnoreDdl(ddl));
        Assert.True(Filter("app.t", [], ["engine"]).ShouldIgnoreDdl(ddl));
    }

    [Theory]
    // ignore_sql: regular expressions found anywhere in the statement, without case (the document's ["^drop", "add column"]).
    [InlineData("DROP TABLE t", true)]
    [InlineData("drop table t", true)]
    [InlineData("ALTER TABLE t ADD COLUMN c INT", true)]
    [InlineData("ALTER TABLE t ADD   COLUMN c INT", false)]
    [InlineData("ALTER TABLE t DROP COLUMN c", false)]
    [InlineData("CREATE TABLE t (id INT)", false)]
    public void Ignore_sql_finds_its_expressions_in_the_statement(string query, bool ignored)
    {
        var filter = Filter("app.t", [], ["^drop", "add column"]);
        var kind = query.StartsWith("DROP", StringComparison.OrdinalIgnoreCase) ? DdlKind.DropTable
            : query.StartsWith("CREATE", StringComparison.Ordinal) ? DdlKind.CreateTable : DdlKind.AlterTable;

        Assert.Equal(ignored, filter.ShouldIgnoreDdl(Ddl(kind, query)));
    }

    [Fact]
    public void Rules_apply_only_to_the_tables_their_matcher_selects()
    {
        var filter = Filter("app.t*", ["drop table"]);

        Assert.True(filter.ShouldIgnoreDdl(Ddl(DdlKind.DropTable, "DROP TABLE t1", table: "t1")));
        Assert.False(filter.ShouldIgnoreDdl(Ddl(DdlKind.DropTable, "DROP TABLE u", table: "u")));
        Assert.False(filter.ShouldIgnoreDdl(Ddl(DdlKind.DropTable, "DROP TABLE t1", schema: "other", table: "t1")));
    }

    [Fact]
    public void A_schema_statement_is_matched_as_a_schema_so_a_table_matcher_also_selects_its_database()
    {
        // The document's warning: matcher ["test.t1"] with ignore_sql ["^drop"] leaves out DROP DATABASE test too.
        var filter = Filter("test.t1", [], ["^drop"]);

        Assert.True(filter.ShouldIgnoreDdl(Ddl(DdlKind.DropDatabase, "DROP DATABASE test", schema: "test", table: null)));
        Assert.False(filter.ShouldIgnoreDdl(Ddl(DdlKind.DropDatabase, "DROP DATABASE other", schema: "other", table: null)));
        Assert.False(Filter("test.t1", [], ["drop table"]).ShouldIgnoreDdl(Ddl(DdlKind.DropDatabase, "DROP DATABASE test", schema: "test", table: null)));
    }

    [Fact]
    public void A_rename_is_matched_by_its_old_or_its_new_name()
    {
        var filter = Filter("app.old", ["rename table"]);

        Assert.True(filter.ShouldIgnoreDdl(Ddl(DdlKind.RenameTable, "RENAME TABLE old TO fresh", table: "fresh", previous: ("app", "old"))));
        Assert.True(Filter("app.fresh", ["rename table"]).ShouldIgnoreDdl(Ddl(DdlKind.RenameTable, "RENAME TABLE old TO fresh", table: "fresh", previous: ("app", "old"))));
        Assert.False(filter.ShouldIgnoreDdl(Ddl(DdlKind.RenameTable, "RENAME TABLE x TO y", table: "y", previous: ("app", "x"))));
    }

    [Fact]
    public void Matchers_follow_the_changefeed_case_sensitivity()
    {
        var rule = new EventFilterRule { Matcher = ["App.T"], IgnoreEvent = ["drop table"] };
        var ddl = Ddl(DdlKind.DropTable, "DROP TABLE t");

        Assert.True(new EventFilter(new ChangefeedOptions { EventFilters = [rule] }).ShouldIgnoreDdl(ddl));
        Assert.False(new EventFilter(new ChangefeedOptions { EventFilters = [rule], CaseSensitive = true }).ShouldIgnoreDdl(ddl));
    }

    [Fact]
    public void A_transaction_in_ignore_txn_start_ts_is_left_out_whole()
    {
        var filter = new EventFilter(new ChangefeedOptions { IgnoreTxnStartTs = [99, 7] });

        Assert.True(filter.ShouldIgnoreTransaction(new Tso(7)));
        Assert.False(filter.ShouldIgnoreTransaction(new Tso(8)));
        Assert.True(filter.ShouldIgnoreDdl(Ddl(DdlKind.CreateTable, "CREATE TABLE t (id INT)")));
        Assert.False(filter.IsEmpty);
        Assert.True(new EventFilter(new ChangefeedOptions()).IsEmpty);
    }

    [Fact]
    public void An_unknown_event_name_is_refused_naming_the_rule_and_the_name()
    {
        var options = new ChangefeedOptions
        {
            EventFilters =
            [
                new EventFilterRule { Matcher = ["app.*"], IgnoreEvent = ["insert"] },
                new EventFilterRule { Matcher = ["app.t"], IgnoreEvent = ["delete", "inserts"] },
            ],
        };

        var ex = Assert.Throws<ChangefeedException>(() => new EventFilter(options));

        Assert.Equal("CDC:ErrInvalidIgnoreEventType", ex.Code);
        Assert.False(ex.IsRetryable);
        Assert.Contains("event filter 2 (matcher [app.t])", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'inserts'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_matcher_or_ignore_sql_is_refused_naming_the_rule()
    {
        var matcher = Assert.Throws<ChangefeedException>(() => Filter("app", ["insert"]));
        Assert.Equal("CDC:ErrFilterRuleInvalid", matcher.Code);
        Assert.Contains("event filter 1 (matcher [app])", matcher.Message, StringComparison.Ordinal);
        Assert.IsType<TableFilterRuleException>(matcher.InnerException);

        var sql = Assert.Throws<ChangefeedException>(() => Filter("app.*", [], ["add (column"]));
        Assert.Equal("CDC:ErrFilterRuleInvalid", sql.Code);
        Assert.Contains("ignore_sql 'add (column'", sql.Message, StringComparison.Ordinal);
    }
}
