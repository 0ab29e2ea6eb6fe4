using Sluice.ChangeFeed.Dispatching;
using Sluice.ChangeFeed.Model;
using Sluice.Replication.Ddl;
using static Sluice.ChangeFeed.Tests.Dispatching.RouterFixtures;

namespace Sluice.ChangeFeed.Tests.Dispatching;

/// <summary>
/// The dispatcher examples of https://docs.pingcap.com/tidb/stable/ticdc-sink-to-kafka as a table of cases. Expected
/// partitions of the hashing dispatchers were computed apart from this code, with Python's zlib.crc32 over the
/// canonical text (each part UTF-8 and a zero byte): e.g. <c>zlib.crc32(b"test3\0a\0id\0" b"42\0") % 4 == 1</c>.
/// </summary>
public sealed class EventRouterTests
{
    private static readonly DispatchRule[] Rules =
    [
        new(["test1.*", "test2.*"], "ts", "hello_{schema}_{table}"),
        new(["test3.*", "!test3.secret"], "index-value", "hello_{schema}_world"),
        new(["test1.*", "test5.*"], "table", "hard_code_topic"),
        new(["test6.*"], "columns", null, Columns: ["b"]),
        new(["test7.t?"], "2", null),
        new(["`we.ird`.*"], null, "{schema}_{table}"),
    ];

    public static TheoryData<string, string, long, string?, string, int> Cases => new()
    {
        // schema, table, id, b → topic, partition
        { "test1", "t1", 1, "hello", "hello_test1_t1", 3 },          // ts: 449530219520000003 % 4; first matching rule wins over rule 3
        { "test2", "t2", 1, "hello", "hello_test2_t2", 3 },
        { "test3", "a", 42, "hello", "hello_test3_world", 1 },      // index-value: crc32("test3\0a\0id\042\0") % 4
        { "test3", "a", 7, "hello", "hello_test3_world", 2 },       // another key, another partition
        { "test3", "secret", 42, "hello", "cdc", 3 },               // excluded by !test3.secret: defaults, table crc32("test3\0secret\0") % 4
        { "test5", "x", 1, "hello", "hard_code_topic", 0 },         // table: crc32("test5\0x\0") % 4
        { "test6", "x", 1, "hello", "cdc", 0 },                     // columns: crc32("test6\0x\0b\0hello\0") % 4
        { "test6", "x", 1, null, "cdc", 2 },                        // NULL hashes as 0xFF
        { "test7", "t1", 1, "hello", "cdc", 2 },                    // fixed partition
        { "test7", "t10", 1, "hello", "cdc", 2 },                   // t? does not match t10: default table dispatcher, crc32("test7\0t10\0") % 4 = 2
        { "test9", "z", 1, "hello", "cdc", 2 },                     // no rule: default topic, table dispatcher
        { "TEST1", "T1", 1, "hello", "hello_TEST1_T1", 3 },         // matchers ignore case by default; names keep theirs
        { "we.ird", "a b$c", 1, "hello", "we.ird_a_b_c", 0 },       // quoted matcher name; forbidden topic characters become _; crc32("we.ird\0a b$c\0") % 4
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rows_go_to_the_topic_and_partition_of_the_first_matching_rule(string schema, string table, long id, string? b, string topic, int partition)
    {
        var router = new EventRouter(Rules, "cdc", 4);
        var row = Insert(schema, table, id, b);

        Assert.Equal((topic, partition), router.Route(row));
        Assert.Equal(topic, router.GetTopic(schema, table));
    }

    [Fact]
    public void A_case_sensitive_changefeed_matches_names_with_case()
    {
        var router = new EventRouter(Rules, "cdc", 4, caseSensitive: true);

        Assert.Equal("cdc", router.GetTopic("TEST1", "T1"));
        Assert.Equal("hello_test1_t1", router.GetTopic("test1", "t1"));
    }

    [Fact]
    public void Index_value_hashes_the_row_as_it_is_after_an_update_and_before_a_delete()
    {
        var router = new EventRouter(Rules, "cdc", 4);
        var table = Table("test3", "a");
        var update = new RowChangedEvent { Table = table, Kind = RowChangeKind.Update, CommitTs = CommitTs, Before = [7L, "x"], After = [42L, "y"] };
        var delete = new RowChangedEvent { Table = table, Kind = RowChangeKind.Delete, CommitTs = CommitTs, Before = [7L, "x"] };

        Assert.Equal(1, router.GetPartition(update, 4));
        Assert.Equal(2, router.GetPartition(delete, 4));
    }

    [Fact]
    public void Index_value_without_a_handle_key_hashes_the_table_name_and_a_named_index_its_columns()
    {
        var router = new EventRouter(Rules, "cdc", 4);
        Assert.Equal(3, router.GetPartition(Insert("test3", "n", 42, withKey: false), 4)); // crc32("test3\0n\0") % 4

        IReadOnlyList<int>? Resolve(ChangeTable table, string index) => index == "uk_b" ? [1] : null;
        var named = new EventRouter([new(["test3.*"], "index-value", null, Index: "uk_b")], "cdc", 4, indexColumns: Resolve);
        Assert.Equal(2, named.GetPartition(Insert("test3", "a", 42), 4)); // crc32("test3\0a\0b\0hello\0") % 4

        var primary = new EventRouter([new(["test3.*"], "index-value", null, Index: "PRIMARY")], "cdc", 4);
        Assert.Equal(1, primary.GetPartition(Insert("test3", "a", 42), 4));

        var missing = new EventRouter([new(["test3.*"], "index-value", null, Index: "nope")], "cdc", 4);
        var error = Assert.Throws<ChangefeedException>(() => missing.GetPartition(Insert("test3", "a", 42), 4));
        Assert.Equal("CDC:ErrDispatcherFailed", error.Code);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public void Partitions_stay_within_the_topics_partition_count()
    {
        var router = new EventRouter(Rules, "cdc", 4);

        Assert.Equal(0, router.GetPartition(Insert("test6", "x", 1), 1));
        Assert.Equal((int)(CommitTs.Value % 7), router.GetPartition(Insert("test1", "t1", 1), 7));
        var error = Assert.Throws<ChangefeedException>(() => router.GetPartition(Insert("test7", "t1", 1), 2));
        Assert.Equal("CDC:ErrDispatcherFailed", error.Code);
    }

    [Fact]
    public void A_columns_rule_naming_a_column_the_table_lacks_fails()
    {
        var router = new EventRouter([new(["*.*"], "columns", null, Columns: ["nope"])], "cdc", 4);

        var error = Assert.Throws<ChangefeedException>(() => router.GetPartition(Insert("db", "t", 1), 4));
        Assert.Equal("CDC:ErrDispatcherFailed", error.Code);
    }

    public static TheoryData<DispatchRule, string> InvalidRules => new()
    {
        { new(["test.*"], "columns", null), "CDC:ErrSinkInvalidConfig" },
        { new(["test.*"], "4", null), "CDC:ErrSinkInvalidConfig" },
        { new(["test"], null, null), "CDC:ErrFilterRuleInvalid" },
        { new(["`test.*"], null, null), "CDC:ErrFilterRuleInvalid" },
        { new(["test.*"], null, "{table}"), "CDC:ErrKafkaInvalidTopicExpression" },
        { new(["test.*"], null, "a b"), "CDC:ErrKafkaInvalidTopicExpression" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public void Invalid_rules_are_refused_when_the_router_is_built(DispatchRule rule, string code)
    {
        var error = Assert.Throws<ChangefeedException>(() => new EventRouter([rule], "cdc", 4));

        Assert.Equal(code, error.Code);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public void Old_and_unknown_partition_names_behave_as_TiCDC_reads_them()
    {
        // rowid is index-value's name before v6.1; TiCDC's Kafka sink falls back to the default for a name it does not know.
        var router = new EventRouter([new(["a.*"], "rowid", null), new(["b.*"], "whatever", null)], "cdc", 4);

        Assert.Equal(3, router.GetPartition(Insert("a", "a", 42), 4)); // crc32("a\0a\0id\042\0") % 4; the table alone gives 0
        Assert.Equal(0, router.GetPartition(Insert("b", "z", 1), 4));  // crc32("b\0z\0") % 4; ts would give 3
    }

    [Fact]
    public void Ddl_goes_to_its_tables_topic_the_old_name_for_a_rename_and_schema_ddl_to_the_default_topic()
    {
        var router = new EventRouter(Rules, "cdc", 4);

        Assert.Equal("hello_test1_t1", router.GetTopicForDdl(Ddl("test1", "t1", DdlKind.AlterTable)));
        Assert.Equal("hello_test1_old", router.GetTopicForDdl(Ddl("test1", "new", DdlKind.RenameTable, ("test1", "old"))));
        Assert.Equal("cdc", router.GetTopicForDdl(Ddl("test1", null, DdlKind.CreateDatabase)));
        Assert.Equal("cdc", router.GetTopicForDdl(Ddl("test9", "z", DdlKind.CreateTable)));
    }

    private static DdlEvent Ddl(string schema, string? table, DdlKind kind, (string, string)? previous = null) => new()
    {
        CommitTs = CommitTs,
        Schema = schema,
        Table = table,
        Query = "-- ddl",
        Kind = kind,
        PreviousName = previous,
    };
}
