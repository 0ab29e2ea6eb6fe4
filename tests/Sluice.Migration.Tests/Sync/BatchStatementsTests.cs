using Sluice.Migration.Sync;
using static Sluice.Migration.Tests.Sync.RowJobs;

namespace Sluice.Migration.Tests.Sync;

/// <summary>The statements a batch becomes with compact and multiple-rows on or off (see <see cref="RowJobs"/> for the notation).</summary>
public sealed class BatchStatementsTests
{
    private const string Upsert = "INSERT INTO `db`.`t` (`id`,`v`) VALUES ";
    private const string Set = " ON DUPLICATE KEY UPDATE `v` = VALUES(`v`)";

    [Theory]
    [InlineData("UPDATE t 1 a -> 1 b; UPDATE t 2 a -> 2 b", Upsert + "(1,'b'),(2,'b')" + Set)]
    [InlineData("UPDATE t 1 a -> 1 b", "UPDATE `db`.`t` SET `id` = 1,`v` = 'b' WHERE `id` = 1")]
    // Same key twice: the statement applies its rows in order, as the UPDATEs would.
    [InlineData("UPDATE t 1 a -> 1 b; UPDATE t 1 b -> 1 c", Upsert + "(1,'b'),(1,'c')" + Set)]
    [InlineData("UPDATE u 1 a -> 1 b; UPDATE u 2 a -> 2 b", "INSERT INTO `db`.`u` (`id`,`v`) VALUES (1,'b'),(2,'b')" + Set)]
    // Not for a table with a second unique key, an incomplete after image, or safe mode.
    [InlineData(
        "UPDATE m 1 x a -> 1 x b; UPDATE m 2 y a -> 2 y b",
        "UPDATE `db`.`m` SET `id` = 1,`code` = 'x',`v` = 'b' WHERE `id` = 1; UPDATE `db`.`m` SET `id` = 2,`code` = 'y',`v` = 'b' WHERE `id` = 2")]
    [InlineData(
        "UPDATE t 1 _ -> _ b; UPDATE t 2 _ -> _ b",
        "UPDATE `db`.`t` SET `v` = 'b' WHERE `id` = 1; UPDATE `db`.`t` SET `v` = 'b' WHERE `id` = 2")]
    [InlineData(
        "safe UPDATE t 1 a -> 1 b; safe UPDATE t 2 a -> 2 b",
        "DELETE FROM `db`.`t` WHERE `id` IN (1); REPLACE INTO `db`.`t` (`id`,`v`) VALUES (1,'b'); " +
        "DELETE FROM `db`.`t` WHERE `id` IN (2); REPLACE INTO `db`.`t` (`id`,`v`) VALUES (2,'b')")]
    // A change of another table ends the run.
    [InlineData(
        "UPDATE t 1 a -> 1 b; INSERT n 1 a; UPDATE t 2 a -> 2 b",
        "UPDATE `db`.`t` SET `id` = 1,`v` = 'b' WHERE `id` = 1; INSERT INTO `db`.`n` (`a`,`b`) VALUES (1,'a'); UPDATE `db`.`t` SET `id` = 2,`v` = 'b' WHERE `id` = 2")]
    // A key change is a DELETE and an INSERT, which join the runs around them.
    [InlineData(
        "DELETE t 5 e; UPDATE t 1 a -> 2 a; INSERT t 3 c",
        "DELETE FROM `db`.`t` WHERE `id` IN (5,1); INSERT INTO `db`.`t` (`id`,`v`) VALUES (2,'a'),(3,'c')")]
    public void Without_compact_runs_of_updates_become_one_upsert(string batch, string expected)
    {
        Assert.Equal(expected, Statements(batch, compact: false, multipleRows: true));
    }

    [Fact]
    public void Without_multiple_rows_each_update_is_its_own_statement()
    {
        Assert.Equal(
            "UPDATE `db`.`t` SET `id` = 1,`v` = 'b' WHERE `id` = 1; UPDATE `db`.`t` SET `id` = 2,`v` = 'b' WHERE `id` = 2",
            Statements("UPDATE t 1 a -> 1 b; UPDATE t 2 a -> 2 b", compact: true, multipleRows: false));
    }

    [Fact]
    public void A_compacted_table_is_one_delete_one_insert_one_replace_and_one_upsert()
    {
        Assert.Equal(
            "DELETE FROM `db`.`t` WHERE `id` IN (2,5); INSERT INTO `db`.`t` (`id`,`v`) VALUES (1,'a'); " +
            "REPLACE INTO `db`.`t` (`id`,`v`) VALUES (6,'y'); " + Upsert + "(3,'d'),(4,'d')" + Set,
            Statements(
                "INSERT t 1 a; DELETE t 2 b; UPDATE t 3 c -> 3 d; DELETE t 6 x; UPDATE t 4 c -> 4 d; DELETE t 5 f; INSERT t 6 y",
                compact: true,
                multipleRows: true));
    }

    [Fact]
    public void A_retried_batch_is_applied_in_safe_mode()
    {
        Assert.Equal(
            "DELETE FROM `db`.`t` WHERE `id` IN (1); REPLACE INTO `db`.`t` (`id`,`v`) VALUES (2,'b'),(3,'c')",
            Statements("UPDATE t 2 a -> 2 b; INSERT t 3 c; DELETE t 1 a", compact: true, multipleRows: true, forceSafeMode: true));
        Assert.StartsWith(
            "DELETE FROM `db`.`t` WHERE `id` IN (2); REPLACE INTO",
            Statements("UPDATE t 2 a -> 2 b; UPDATE t 3 a -> 3 b", compact: false, multipleRows: true, forceSafeMode: true),
            StringComparison.Ordinal);
    }

    private static string Statements(string batch, bool compact, bool multipleRows, bool forceSafeMode = false) =>
        string.Join("; ", BatchStatements.For(Parse(batch), forceSafeMode, compact, multipleRows).Select(s => s.CommandText));
}
