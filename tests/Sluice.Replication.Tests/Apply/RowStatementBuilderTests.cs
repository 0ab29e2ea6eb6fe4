using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;
using static Sluice.Replication.Tests.Apply.Columns;

namespace Sluice.Replication.Tests.Apply;

public sealed class RowStatementBuilderTests
{
    private static readonly TableName Name = new("db", "t");

    private static RowStatementBuilder Keyed(StatementLimits? limits = null) =>
        new(TargetTable.Create(Name, [Int(0, "id", primaryKey: true), Text(1, "v")]), limits);

    private static RowStatementBuilder Composite() =>
        new(TargetTable.Create(Name, [Int(0, "a", primaryKey: true), Int(1, "b", primaryKey: true), Text(2, "v")]));

    private static RowStatementBuilder Keyless() =>
        new(TargetTable.Create(Name, [Int(0, "id", nullable: true), Text(1, "v")]));

    private static string[] Sql(IEnumerable<RowStatement> statements) => [.. statements.Select(s => s.CommandText)];

    [Theory]
    [InlineData(InsertMode.Insert, "INSERT INTO `db`.`t` (`id`,`v`) VALUES (1,'a'),(2,NULL)")]
    [InlineData(InsertMode.Replace, "REPLACE INTO `db`.`t` (`id`,`v`) VALUES (1,'a'),(2,NULL)")]
    [InlineData(InsertMode.InsertIgnore, "INSERT IGNORE INTO `db`.`t` (`id`,`v`) VALUES (1,'a'),(2,NULL)")]
    public void Inserts_are_multi_row_with_their_values_written_in(InsertMode mode, string expected)
    {
        var statements = Keyed().Insert([Row(1L, "a"), Row(2L, null)], mode);

        var statement = Assert.Single(statements);
        Assert.Equal(expected, statement.CommandText);
        Assert.Equal(2, statement.RowCount);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(expected), statement.Bytes);
    }

    [Fact]
    public void Identifiers_are_quoted_with_backticks_doubled_inside()
    {
        var table = TargetTable.Create(new TableName("my`db", "t`1"), [Int(0, "i`d", primaryKey: true)]);
        var builder = new RowStatementBuilder(table);

        Assert.Equal("INSERT INTO `my``db`.`t``1` (`i``d`) VALUES (1)", Assert.Single(builder.Insert([Row(1L)])).CommandText);
        Assert.Equal("DELETE FROM `my``db`.`t``1` WHERE `i``d` IN (1)", Assert.Single(builder.Delete([Row(1L)])).CommandText);
    }

    [Fact]
    public void Partial_images_write_only_their_present_columns_and_a_change_of_columns_starts_a_new_statement()
    {
        var statements = Keyed().Insert([Partial(1L, Absent), Partial(2L, Absent), Row(3L, "c")]);

        Assert.Equal(
            ["INSERT INTO `db`.`t` (`id`) VALUES (1),(2)", "INSERT INTO `db`.`t` (`id`,`v`) VALUES (3,'c')"],
            Sql(statements));
    }

    [Fact]
    public void Deletes_by_a_single_key_column_are_batched_with_in()
    {
        var statement = Assert.Single(Keyed().Delete([Row(1L, "a"), Row(2L, "b"), Row(3L, null)]));

        Assert.Equal("DELETE FROM `db`.`t` WHERE `id` IN (1,2,3)", statement.CommandText);
    }

    [Fact]
    public void Deletes_by_a_composite_key_use_a_row_constructor()
    {
        var statement = Assert.Single(Composite().Delete([Row(1L, 2L, "x"), Row(3L, 4L, "y")]));

        Assert.Equal("DELETE FROM `db`.`t` WHERE (`a` = 1 AND `b` = 2) OR (`a` = 3 AND `b` = 4)", statement.CommandText);
    }

    [Fact]
    public void Deletes_without_a_key_match_the_whole_image_null_safe_one_row_at_a_time()
    {
        var statements = Keyless().Delete([Row(1L, null), Row(1L, "a")]);

        Assert.Equal(
            [
                "DELETE FROM `db`.`t` WHERE `id` <=> 1 AND `v` <=> NULL LIMIT 1",
                "DELETE FROM `db`.`t` WHERE `id` <=> 1 AND `v` <=> 'a' LIMIT 1",
            ],
            Sql(statements));
    }

    [Fact]
    public void Decimal_keys_are_compared_as_the_columns_decimal_type()
    {
        var builder = new RowStatementBuilder(TargetTable.Create(Name, [Decimal(0, "d", 65, 30, primaryKey: true)]));

        var statement = Assert.Single(builder.Delete([Row(MySqlDecimal.Parse("1.5"))]));

        Assert.Equal("DELETE FROM `db`.`t` WHERE `d` IN (CAST('1.5' AS DECIMAL(65,30)))", statement.CommandText);
    }

    [Fact]
    public void Updates_set_the_after_image_where_the_before_images_key_matches()
    {
        var statement = Composite().Update(Row(1L, 2L, "x"), Row(1L, 5L, "y"));

        Assert.Equal("UPDATE `db`.`t` SET `a` = 1,`b` = 5,`v` = 'y' WHERE `a` = 1 AND `b` = 2", statement.CommandText);
    }

    [Fact]
    public void Updates_with_minimal_images_use_the_key_of_the_before_image_and_set_only_the_present_columns()
    {
        var statement = Keyed().Update(Partial(7L, Absent), Partial(Absent, "new"));

        Assert.Equal("UPDATE `db`.`t` SET `v` = 'new' WHERE `id` = 7", statement.CommandText);
    }

    [Fact]
    public void Updates_without_a_key_match_the_whole_before_image_and_change_one_row()
    {
        var statement = Keyless().Update(Row(1L, "a"), Row(1L, "b"));

        Assert.Equal("UPDATE `db`.`t` SET `id` = 1,`v` = 'b' WHERE `id` <=> 1 AND `v` <=> 'a' LIMIT 1", statement.CommandText);
    }

    [Fact]
    public void A_before_image_without_the_key_columns_falls_back_to_its_present_columns()
    {
        var statement = Assert.Single(Keyed().Delete([Partial(Absent, "a")]));

        Assert.Equal("DELETE FROM `db`.`t` WHERE `v` <=> 'a' LIMIT 1", statement.CommandText);
    }

    [Fact]
    public void Safe_mode_updates_are_a_delete_of_the_old_key_and_a_replace_of_the_new_row()
    {
        var statements = Keyed().SafeUpdate(Row(1L, "a"), Row(2L, "b"));

        Assert.Equal(
            ["DELETE FROM `db`.`t` WHERE `id` IN (1)", "REPLACE INTO `db`.`t` (`id`,`v`) VALUES (2,'b')"],
            Sql(statements));
    }

    [Fact]
    public void Batches_have_no_placeholder_limit_since_the_values_are_written_in()
    {
        // 3 columns: 21,846 rows would have taken 65,538 placeholders, past what a prepared statement takes.
        var table = TargetTable.Create(Name, [Int(0, "a", primaryKey: true), Int(1, "b"), Int(2, "c")]);
        var builder = new RowStatementBuilder(table, new StatementLimits { MaxParameters = 3, MaxRows = int.MaxValue, MaxBytes = long.MaxValue });
        var rows = Enumerable.Range(0, 21_846).Select(i => Row((long)i, 0L, 0L)).ToArray();

        var statements = builder.Insert(rows);

        Assert.Equal([21_846], statements.Select(s => s.RowCount));
        Assert.EndsWith(",(21845,0,0)", statements[0].CommandText, StringComparison.Ordinal);
        Assert.DoesNotContain("?", statements[0].CommandText, StringComparison.Ordinal);
    }

    [Fact]
    public void Batches_split_before_the_byte_budget_and_a_row_larger_than_it_goes_alone()
    {
        var limits = new StatementLimits { MaxBytes = 600 };
        var small = new string('s', 200);
        var large = new string('L', 5000);
        var rows = new[] { Row(1L, small), Row(2L, small), Row(3L, small), Row(4L, large), Row(5L, small) };

        var statements = Keyed(limits).Insert(rows);

        Assert.Equal([2, 1, 1, 1], statements.Select(s => s.RowCount));
        Assert.All(statements.Where(s => s.RowCount > 1), s => Assert.True(s.Bytes <= limits.MaxBytes, $"{s.Bytes} bytes"));
        Assert.All(statements, s => Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(s.CommandText), s.Bytes));
        Assert.Equal($"INSERT INTO `db`.`t` (`id`,`v`) VALUES (4,'{large}')", statements[2].CommandText);
        Assert.Equal($"INSERT INTO `db`.`t` (`id`,`v`) VALUES (3,'{small}')", statements[1].CommandText);
    }

    [Fact]
    public void Deletes_split_at_the_row_limit()
    {
        var statements = Keyed(new StatementLimits { MaxRows = 2 }).Delete([Row(1L, "a"), Row(2L, "b"), Row(3L, "c")]);

        Assert.Equal(["DELETE FROM `db`.`t` WHERE `id` IN (1,2)", "DELETE FROM `db`.`t` WHERE `id` IN (3)"], Sql(statements));
    }

    [Fact]
    public void The_size_counts_every_escaped_and_multi_byte_character()
    {
        var statement = Assert.Single(Keyed().Insert([Row(1L, new string('\'', 1000) + "é🚀")]));

        // Every quote is doubled, é is 2 bytes and the rocket 4.
        Assert.Equal("INSERT INTO `db`.`t` (`id`,`v`) VALUES (1,'".Length + 2000 + 2 + 4 + "')".Length, statement.Bytes);
    }

    [Fact]
    public void Statements_become_commands_without_parameters_more_than_once()
    {
        var statement = Assert.Single(Keyed().Insert([Row(1L, "a")]));

        using var first = statement.CreateCommand(new MySqlConnector.MySqlConnection());
        using var second = statement.CreateCommand(new MySqlConnector.MySqlConnection());
        var batched = statement.CreateBatchCommand();

        Assert.NotSame(first, second);
        Assert.Equal(statement.CommandText, second.CommandText);
        Assert.Empty(second.Parameters);
        Assert.Equal(statement.CommandText, batched.CommandText);
        Assert.Empty(batched.Parameters);
    }

    [Fact]
    public void Upserts_insert_the_after_images_and_update_the_non_key_columns_from_values()
    {
        var statement = Assert.Single(Composite().Upsert([Row(1L, 2L, "x"), Row(3L, 4L, null)]));

        Assert.Equal(
            "INSERT INTO `db`.`t` (`a`,`b`,`v`) VALUES (1,2,'x'),(3,4,NULL) ON DUPLICATE KEY UPDATE `v` = VALUES(`v`)",
            statement.CommandText);
        Assert.Equal(2, statement.RowCount);
    }

    [Fact]
    public void Upserts_of_a_table_of_key_columns_only_assign_the_first_key_column()
    {
        var builder = new RowStatementBuilder(TargetTable.Create(Name, [Int(0, "a", primaryKey: true), Int(1, "b", primaryKey: true)]));

        var statement = Assert.Single(builder.Upsert([Row(1L, 2L)]));

        Assert.Equal("INSERT INTO `db`.`t` (`a`,`b`) VALUES (1,2) ON DUPLICATE KEY UPDATE `a` = VALUES(`a`)", statement.CommandText);
    }

    [Fact]
    public void Upserts_split_at_the_limits_and_count_the_clause_in_the_byte_budget()
    {
        var rows = Enumerable.Range(0, 10).Select(i => Row((long)i, new string('v', 50))).ToArray();

        var byRows = Keyed(new StatementLimits { MaxRows = 4 }).Upsert(rows);
        var byBytes = Keyed(new StatementLimits { MaxBytes = 400 }).Upsert(rows);

        Assert.Equal([4, 4, 2], byRows.Select(s => s.RowCount));
        Assert.All(byRows, s => Assert.EndsWith(" ON DUPLICATE KEY UPDATE `v` = VALUES(`v`)", s.CommandText, StringComparison.Ordinal));
        Assert.True(byBytes.Count > 1, $"{byBytes.Count} statements");
        Assert.Equal(10, byBytes.Sum(s => s.RowCount));
        Assert.All(byBytes, s => Assert.True(s.Bytes <= 400, $"{s.Bytes} bytes"));
        Assert.All(byBytes, s => Assert.Equal(s.CommandText.Length, s.Bytes));
        Assert.All(byBytes, s => Assert.EndsWith(" ON DUPLICATE KEY UPDATE `v` = VALUES(`v`)", s.CommandText, StringComparison.Ordinal));
    }

    [Fact]
    public void Upserts_need_a_key_in_the_table_and_in_every_image()
    {
        Assert.Throws<InvalidOperationException>(() => Keyless().Upsert([Row(1L, "a")]));
        Assert.Throws<ArgumentException>(() => Keyed().Upsert([Partial(Absent, "a")]));
        Assert.Throws<ArgumentException>(() => Keyed().Upsert([Row(null, "a")]));
    }

    [Theory]
    [InlineData(1L, "a", 1L, "b", false)]
    [InlineData(1L, "a", 2L, "a", true)]
    [InlineData(1L, "a", null, "a", true)]
    public void A_key_change_is_a_key_column_whose_value_differs(object? beforeId, string beforeV, object? afterId, string afterV, bool expected)
    {
        Assert.Equal(expected, Keyed().ChangesKey(Row(beforeId, beforeV), Row(afterId, afterV)));
    }

    [Fact]
    public void A_key_change_counts_every_unique_key_and_columns_the_after_image_leaves_out_keep_their_value()
    {
        var table = TargetTable.Create(
            Name,
            [Int(0, "id", primaryKey: true), Text(1, "code"), Text(2, "v")],
            [new UniqueKey(UniqueKey.PrimaryName, ["id"]), new UniqueKey("code_key", ["code"])]);
        var builder = new RowStatementBuilder(table);

        Assert.True(builder.ChangesKey(Row(1L, "x", "a"), Row(1L, "y", "a")));
        Assert.True(builder.ChangesKey(Row(1L, null, "a"), Row(1L, "y", "a")));
        Assert.False(builder.ChangesKey(Row(1L, "x", "a"), Row(1L, "x", "b")));
        Assert.False(builder.ChangesKey(Partial(1L, Absent, Absent), Partial(Absent, Absent, "b")));
        Assert.True(builder.ChangesKey(Partial(1L, Absent, Absent), Partial(Absent, "y", Absent)));
    }

    [Fact]
    public void Binary_key_values_compare_by_content()
    {
        var table = TargetTable.Create(Name, [Of(0, "k", ColumnType.VarString, 10), Text(1, "v")], [new UniqueKey("k_key", ["k"])]);
        var builder = new RowStatementBuilder(table);

        Assert.False(builder.ChangesKey(Row(new byte[] { 1, 2 }, "a"), Row(new byte[] { 1, 2 }, "b")));
        Assert.True(builder.ChangesKey(Row(new byte[] { 1, 2 }, "a"), Row(new byte[] { 1, 3 }, "a")));
    }

    [Fact]
    public void An_image_holds_the_key_when_every_key_column_is_present_and_not_null()
    {
        Assert.True(Keyed().HoldsKey(Row(1L, null)));
        Assert.False(Keyed().HoldsKey(Row(null, "a")));
        Assert.False(Keyed().HoldsKey(Partial(Absent, "a")));
        Assert.False(Keyless().HoldsKey(Row(1L, "a")));
    }

    [Fact]
    public void Images_of_another_width_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Keyed().Insert([Row(1L)]));
    }
}
