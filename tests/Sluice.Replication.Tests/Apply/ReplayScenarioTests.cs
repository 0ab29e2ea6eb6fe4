using MySqlConnector;
using Sluice.MySql.Binlog.Events;
using Sluice.Replication.Apply;
using Sluice.Testing;
using static Sluice.Replication.Tests.Apply.BinlogReplay;

namespace Sluice.Replication.Tests.Apply;

/// <summary>
/// Differential tests of the statements on harder shapes: composite keys, keys changed by an UPDATE (also in
/// chains within one statement), a unique key standing in for a primary key, a table without a key holding
/// duplicate rows, and values of 17 MiB. The target must end with the source's CHECKSUM TABLE.
/// </summary>
public sealed class ReplayScenarioTests(MariaDbServers servers)
{
    [Fact]
    public async Task Composite_keys_and_key_changes_replay_in_normal_and_twice_in_safe_mode()
    {
        await RunAsync(
            "wb_composite",
            "CREATE TABLE c (a INT, b VARCHAR(10), v INT, PRIMARY KEY (a, b))",
            async source =>
            {
                await ExecAsync(source, "INSERT INTO c SELECT seq, CONCAT('k', seq % 4), seq FROM seq_1_to_50");
                // Every row takes the key of the next one: applied in the source's order, nothing collides.
                await ExecAsync(source, "UPDATE c SET a = a + 1 ORDER BY a DESC");
                await ExecAsync(source, "UPDATE c SET b = CONCAT(b, 'x'), v = NULL WHERE a % 3 = 0");
                await ExecAsync(source, "DELETE FROM c WHERE a % 5 = 0");
                await ExecAsync(source, "INSERT INTO c VALUES (7, 'k1x', 1), (1000, 'new', 2)");
            },
            safeModeTwice: true);
    }

    [Fact]
    public async Task A_unique_key_on_not_null_columns_identifies_rows_of_a_table_without_a_primary_key()
    {
        await RunAsync(
            "wb_unique",
            "CREATE TABLE u (id INT NOT NULL, code VARCHAR(10) NOT NULL, note VARCHAR(10) NULL, v INT, UNIQUE KEY note_key (note), UNIQUE KEY code_key (code))",
            async source =>
            {
                await ExecAsync(source, "INSERT INTO u SELECT seq, CONCAT('c', seq), NULL, seq FROM seq_1_to_20");
                await ExecAsync(source, "UPDATE u SET code = CONCAT(code, '_') WHERE id % 2 = 0");
                await ExecAsync(source, "UPDATE u SET v = v * 10, id = id + 100 WHERE id > 15");
                await ExecAsync(source, "DELETE FROM u WHERE id IN (3, 4, 5)");
            },
            safeModeTwice: true);
    }

    [Fact]
    public async Task A_table_without_a_key_changes_one_of_its_duplicate_rows_at_a_time()
    {
        await RunAsync(
            "wb_keyless",
            "CREATE TABLE n (a INT, b VARCHAR(5), f FLOAT, d DECIMAL(20,10))",
            async source =>
            {
                await ExecAsync(source, "INSERT INTO n VALUES (1, 'x', 0.1, 1.5), (1, 'x', 0.1, 1.5), (1, 'x', 0.1, 1.5), (2, NULL, NULL, NULL), (3, 'z', -3.4e38, -0.0000000001)");
                await ExecAsync(source, "DELETE FROM n WHERE a = 1 LIMIT 1");
                await ExecAsync(source, "UPDATE n SET b = 'y' WHERE a = 1 LIMIT 1");
                await ExecAsync(source, "UPDATE n SET b = 'w', a = 4 WHERE a = 2");
                await ExecAsync(source, "UPDATE n SET f = 1 WHERE a = 3");
            },
            safeModeTwice: false);
    }

    [Fact]
    public async Task Values_of_17_MiB_replay_and_batches_split_by_the_byte_budget()
    {
        const int size = 17 << 20;
        var random = new Random(17);
        var blobs = Enumerable.Range(0, 3).Select(_ =>
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            return bytes;
        }).ToArray();
        var text = string.Concat(Enumerable.Repeat("'\\ é🚀\"", size / 12));

        var events = await RunAsync(
            "wb_large",
            "CREATE TABLE l (id INT PRIMARY KEY, b LONGBLOB, t LONGTEXT CHARACTER SET utf8mb4, v INT)",
            async source =>
            {
                await using (var insert = new MySqlCommand("INSERT INTO l VALUES (1, @b0, @t, 0), (2, @b1, NULL, 0), (3, @b2, @t, 0)", source))
                {
                    insert.Parameters.AddWithValue("@b0", blobs[0]);
                    insert.Parameters.AddWithValue("@b1", blobs[1]);
                    insert.Parameters.AddWithValue("@b2", blobs[2]);
                    insert.Parameters.AddWithValue("@t", text);
                    await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
                }

                await ExecAsync(source, "UPDATE l SET v = v + 1");
                await ExecAsync(source, "UPDATE l SET id = 4 WHERE id = 1");
                await ExecAsync(source, "DELETE FROM l WHERE id = 2");
            },
            safeModeTwice: true);

        // The source logs one row of this size per event. Batched together, escaped at worst to twice their size, rows 1
        // (34 MiB of blob and 28 MiB of text) and 2 (34 MiB) fit 100 MiB; row 3 does not fit with them.
        var limits = new StatementLimits { MaxBytes = 100L << 20 };
        var inserted = events.Where(e => e.Kind == RowsEventKind.Insert).SelectMany(e => e.Rows).Select(r => r.After!).ToArray();
        var builder = new RowStatementBuilder(TargetTable.Create(new("wb_large", "l"), events[0].Table.Columns), limits);

        var statements = builder.Insert(inserted);

        Assert.Equal([2, 1], statements.Select(s => s.RowCount));
        Assert.True(statements[0].Bytes <= limits.MaxBytes, $"{statements[0].Bytes} bytes");
        Assert.True(statements[0].Bytes >= 2L * (2 * size), $"{statements[0].Bytes} bytes do not cover escaping");
    }

    /// <summary>
    /// Creates <paramref name="ddl"/>'s table in <paramref name="schema"/> on both servers (and in a safe-mode copy on the
    /// target), runs <paramref name="workload"/> on the source, applies its binlog to the target and compares checksums.
    /// </summary>
    private async Task<List<RowsEvent>> RunAsync(
        string schema,
        string ddl,
        Func<MySqlConnection, Task> workload,
        bool safeModeTwice,
        StatementLimits? limits = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var safeSchema = schema + "_safe";
        await using var source = await servers.Source.OpenConnectionAsync(ct);
        await ExecAsync(source, "SET SESSION sql_mode = '', time_zone = '+00:00'");
        await using var target = await servers.Target.OpenConnectionAsync(ct);
        foreach (var (connection, s) in new[] { (source, schema), (target, schema), (target, safeSchema) })
            await ExecAsync(connection, $"DROP DATABASE IF EXISTS `{s}`; CREATE DATABASE `{s}`; USE `{s}`; {ddl}");
        await ExecAsync(source, $"USE `{schema}`");

        var start = await BinlogRows.EndAsync(servers.Source, TestContext.Current.CancellationToken);
        await workload(source);
        var events = await BinlogRows.ReadAsync(servers.Source, start, schema, TestContext.Current.CancellationToken);
        Assert.NotEmpty(events);

        await ApplyAsync(servers.Target, events, schema, safeMode: false, limits);
        if (safeModeTwice)
        {
            await ApplyAsync(servers.Target, events, safeSchema, safeMode: true, limits);
            await ApplyAsync(servers.Target, events, safeSchema, safeMode: true, limits);
        }

        var table = events[0].Table.TableName;
        var expected = await servers.Source.ChecksumAsync($"`{schema}`.`{table}`", ct);
        Assert.Equal(expected, await servers.Target.ChecksumAsync($"`{schema}`.`{table}`", ct));
        if (safeModeTwice)
            Assert.Equal(expected, await servers.Target.ChecksumAsync($"`{safeSchema}`.`{table}`", ct));
        return events;
    }
}
