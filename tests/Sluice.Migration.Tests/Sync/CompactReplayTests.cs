using Sluice.Migration.Sync;
using Sluice.Replication.Apply;
using Sluice.Testing;
using static Sluice.Migration.Tests.Sync.SyncReplay;

namespace Sluice.Migration.Tests.Sync;

/// <summary>
/// Differential tests of the worker's statements: a workload runs on the source one change at a time, its binlog is
/// applied to the target in batches, compacted or not, with multiple-rows or not, in normal mode and twice in safe
/// mode; every copy must end with the source's rows.
/// </summary>
public sealed class CompactReplayTests(MariaDbServers servers)
{
    /// <summary>Each of DM's compactor rules, a chain, key changes (one onto a key another row left), a run of updates and a key shift.</summary>
    private const string Rules = """
        INSERT INTO t VALUES (100, 'a', 1); UPDATE t SET v = 'b' WHERE id = 100;
        INSERT INTO t VALUES (101, 'a', 1); DELETE FROM t WHERE id = 101;
        UPDATE t SET v = 'x' WHERE id = 1; UPDATE t SET n = NULL WHERE id = 1;
        UPDATE t SET v = 'x' WHERE id = 2; DELETE FROM t WHERE id = 2;
        DELETE FROM t WHERE id = 3; INSERT INTO t VALUES (3, 'again', 3);
        INSERT INTO t VALUES (102, 'a', 1); UPDATE t SET v = 'b' WHERE id = 102; UPDATE t SET n = 2 WHERE id = 102;
        DELETE FROM t WHERE id = 102; INSERT INTO t VALUES (102, 'c', 3); UPDATE t SET v = 'd' WHERE id = 102;
        UPDATE t SET id = 200 WHERE id = 4; UPDATE t SET id = 4 WHERE id = 5; UPDATE t SET v = 'moved' WHERE id = 200;
        UPDATE t SET n = n * 10 WHERE id BETWEEN 6 AND 15;
        UPDATE t SET id = id + 1 WHERE id >= 16 ORDER BY id DESC;
        DELETE FROM t WHERE id = 7; INSERT INTO t VALUES (7, 'seven', 7); UPDATE t SET id = 8000 WHERE id = 7
        """;

    private const string Seed = "INSERT INTO t SELECT seq, CONCAT('s', seq), seq FROM seq_1_to_20";

    public static TheoryData<string, string, string, string, bool> Scenarios => new()
    {
        { "pk", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20), n INT)", Seed, Rules, true },
        { "uk", "CREATE TABLE t (id INT NOT NULL, v VARCHAR(20), n INT, UNIQUE KEY id_key (id))", Seed, Rules, true },
        {
            "ck",
            "CREATE TABLE t (a INT, b VARCHAR(10), v INT, PRIMARY KEY (a, b))",
            "INSERT INTO t SELECT seq, CONCAT('k', seq % 3), seq FROM seq_1_to_30",
            """
            INSERT INTO t VALUES (100, 'x', 1); UPDATE t SET v = 2 WHERE a = 100; DELETE FROM t WHERE a = 100; INSERT INTO t VALUES (100, 'x', 3);
            UPDATE t SET b = 'k9' WHERE a = 1; UPDATE t SET a = 1, b = 'k1' WHERE a = 2;
            UPDATE t SET v = v + 1 WHERE a > 20; DELETE FROM t WHERE a % 7 = 0; UPDATE t SET a = a + 1 ORDER BY a DESC
            """,
            true
        },
        {
            // A second unique key: an INSERT that takes the code another row is leaving must come after that row's
            // change, which compacting and grouping the table would not keep.
            "mk",
            "CREATE TABLE t (id INT PRIMARY KEY, code VARCHAR(20) NULL, n INT, UNIQUE KEY code_key (code))",
            "INSERT INTO t SELECT seq, CONCAT('c', seq), seq FROM seq_1_to_10",
            """
            UPDATE t SET code = 'moved' WHERE id = 2; INSERT INTO t VALUES (11, 'c2', 0);
            DELETE FROM t WHERE id = 3; INSERT INTO t VALUES (3, 'c3x', 0);
            UPDATE t SET n = n + 1 WHERE id = 5; UPDATE t SET n = n + 1 WHERE id = 5;
            UPDATE t SET code = NULL WHERE id = 6; INSERT INTO t VALUES (12, 'c6', 1); UPDATE t SET n = 0 WHERE id > 7
            """,
            true
        },
        {
            // No key: rows are applied exactly once, in order, never replayed.
            "nk",
            "CREATE TABLE t (id INT, v VARCHAR(20))",
            "INSERT INTO t VALUES (1, 'a'), (1, 'a'), (2, 'b')",
            """
            INSERT INTO t VALUES (3, 'c'); UPDATE t SET v = 'd' WHERE id = 3; DELETE FROM t WHERE id = 1 LIMIT 1;
            UPDATE t SET id = 4 WHERE id = 2; INSERT INTO t VALUES (1, 'a'); UPDATE t SET v = 'z' WHERE id = 1
            """,
            false
        },
        {
            // Minimal images: the key in the before image, only the changed columns in the after image. A safe-mode
            // UPDATE (DELETE + REPLACE of that after image) would lose the other columns, so normal mode only.
            "min",
            "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20), n INT)",
            Seed,
            "SET SESSION binlog_row_image = 'MINIMAL'; " + Rules + "; SET SESSION binlog_row_image = 'FULL'",
            false
        },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Batches_leave_the_table_as_the_source_applied_the_changes_one_by_one(string name, string ddl, string seed, string workload, bool replayInSafeMode)
    {
        var ct = TestContext.Current.CancellationToken;
        var schema = "cmp_" + name;
        (string Suffix, bool Compact, bool MultipleRows, int Batch, bool Safe)[] variants =
        [
            ("c", true, true, int.MaxValue, false),
            ("c3", true, true, 3, false),
            ("c_single", true, false, int.MaxValue, false),
            ("o", false, true, int.MaxValue, false),
            ("o_single", false, false, int.MaxValue, false),
            ("c_safe", true, true, int.MaxValue, true),
            ("o_safe", false, true, 4, true),
        ];
        if (!replayInSafeMode)
            variants = [.. variants.Where(v => !v.Safe)];

        await using var source = await servers.Source.OpenConnectionAsync(ct);
        await ExecAsync(source, $"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; USE `{schema}`; {ddl}; {seed}");
        foreach (var variant in variants)
            await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}_{variant.Suffix}`; CREATE DATABASE `{schema}_{variant.Suffix}`; USE `{schema}_{variant.Suffix}`; {ddl}; {seed}", ct);
        var start = await BinlogRows.EndAsync(servers.Source, TestContext.Current.CancellationToken);
        await ExecAsync(source, workload);
        var events = await BinlogRows.ReadAsync(servers.Source, start, schema, TestContext.Current.CancellationToken);
        Assert.NotEmpty(events);
        var expected = await ContentsAsync(servers.Source, $"`{schema}`.t");

        if (name == "min")
            Assert.Contains(events, e => e.Rows.Any(r => r.After is { } after && !BatchCompactor.IsComplete(after)));

        var results = new List<string>();
        var rowsWritten = new Dictionary<string, int>();
        foreach (var variant in variants)
        {
            var target = $"{schema}_{variant.Suffix}";
            var jobs = await JobsAsync(servers.Target, events, target, variant.Safe);
            rowsWritten[variant.Suffix] = (await ApplyAsync(servers.Target, jobs, variant.Batch, variant.Compact, variant.MultipleRows)).Sum(s => s.RowCount);
            if (variant.Safe)
                await ApplyAsync(servers.Target, jobs, variant.Batch, variant.Compact, variant.MultipleRows);
            results.Add($"{variant.Suffix}:\n{await ContentsAsync(servers.Target, $"`{target}`.t")}");
        }

        // Single-key tables are compacted: fewer rows written than changes replicated.
        if (name is "pk" or "uk" or "ck")
            Assert.True(rowsWritten["c"] < rowsWritten["o"], $"compacted {rowsWritten["c"]} rows, not compacted {rowsWritten["o"]}");

        // One text naming each copy, so a difference shows which one.
        Assert.Equal(string.Join("\n", variants.Select(v => $"{v.Suffix}:\n{expected}")), string.Join("\n", results));
    }

    [Fact]
    public async Task Upserts_respect_the_statement_limits()
    {
        var ct = TestContext.Current.CancellationToken;
        const string schema = "cmp_limits";
        const string ddl = "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(200), n INT)";
        const string seed = "INSERT INTO t SELECT seq, REPEAT('v', 100), seq FROM seq_1_to_50";
        await using var source = await servers.Source.OpenConnectionAsync(ct);
        await ExecAsync(source, $"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; USE `{schema}`; {ddl}; {seed}");
        foreach (var copy in new[] { "rows", "bytes" })
            await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}_{copy}`; CREATE DATABASE `{schema}_{copy}`; USE `{schema}_{copy}`; {ddl}; {seed}", ct);
        var start = await BinlogRows.EndAsync(servers.Source, TestContext.Current.CancellationToken);
        await ExecAsync(source, "UPDATE t SET n = n + 1, v = CONCAT(v, id)");
        var events = await BinlogRows.ReadAsync(servers.Source, start, schema, TestContext.Current.CancellationToken);
        var expected = await ContentsAsync(servers.Source, $"`{schema}`.t");

        var byRows = await ApplyAsync(
            servers.Target, await JobsAsync(servers.Target, events, schema + "_rows", safeMode: false, new StatementLimits { MaxRows = 7 }), 1000, compact: true, multipleRows: true);
        var limits = new StatementLimits { MaxBytes = 2000 };
        var byBytes = await ApplyAsync(servers.Target, await JobsAsync(servers.Target, events, schema + "_bytes", safeMode: false, limits), 1000, compact: true, multipleRows: true);

        Assert.Equal([7, 7, 7, 7, 7, 7, 7, 1], byRows.Select(s => s.RowCount));
        Assert.All(byRows.Concat(byBytes), s => Assert.Contains("ON DUPLICATE KEY UPDATE", s.CommandText, StringComparison.Ordinal));
        Assert.True(byBytes.Count > 1, $"{byBytes.Count} statements");
        Assert.Equal(50, byBytes.Sum(s => s.RowCount));
        Assert.All(byBytes, s => Assert.True(s.Bytes <= limits.MaxBytes, $"{s.Bytes} bytes"));
        Assert.Equal(expected, await ContentsAsync(servers.Target, $"`{schema}_rows`.t"));
        Assert.Equal(expected, await ContentsAsync(servers.Target, $"`{schema}_bytes`.t"));
    }
}
