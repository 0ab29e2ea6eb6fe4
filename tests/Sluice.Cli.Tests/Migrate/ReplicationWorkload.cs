using System.Diagnostics;
using System.Globalization;
using MySqlConnector;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary>
/// A randomized source workload for replication tests: transactions of inserts, updates (key changes among them),
/// deletes and REPLACEs over tables with a primary key, a composite key, a unique key and no key, and now and then
/// a DDL (add or drop a column, create or drop a side table, truncate one).
/// </summary>
internal sealed class ReplicationWorkload(MariaDbInstance source, string schema, int seed)
{
    public static readonly string[] Tables = ["accounts", "pairs", "tags", "loose"];

    private readonly Random _random = new(seed);
    private int _next = 1_000_000;
    private int _ddl;

    public int Transactions { get; private set; }

    /// <summary>DDL joins the mix once this is set (a dump does not survive DDL on the tables it reads, in DM neither).</summary>
    public bool AllowDdl { get; set; }

    public int Statements { get; private set; }

    public async Task CreateAsync()
    {
        await source.ExecuteAsync(
            $"DROP DATABASE IF EXISTS {schema}; CREATE DATABASE {schema};" +
            $"CREATE TABLE {schema}.accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL, note VARCHAR(40) CHARACTER SET utf8mb4, at DATETIME(3), KEY (balance));" +
            $"INSERT INTO {schema}.accounts SELECT seq, seq * 10, CONCAT('Zoë ', seq), '2026-11-25 10:00:00.125' FROM {schema}.seq_1_to_20000;" +
            $"CREATE TABLE {schema}.pairs (a INT NOT NULL, b VARCHAR(20) NOT NULL, v DECIMAL(12,2), blob_v BLOB, PRIMARY KEY (a, b));" +
            $"INSERT INTO {schema}.pairs SELECT seq % 300, CONCAT('k', seq), seq / 7, UNHEX(MD5(seq)) FROM {schema}.seq_1_to_8000;" +
            $"CREATE TABLE {schema}.tags (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(32) NOT NULL, hits INT, UNIQUE KEY (name));" +
            $"INSERT INTO {schema}.tags (name, hits) SELECT CONCAT('tag-', seq), 0 FROM {schema}.seq_1_to_3000;" +
            $"CREATE TABLE {schema}.loose (k INT, v VARCHAR(20));" +
            $"INSERT INTO {schema}.loose SELECT seq % 40, 'v' FROM {schema}.seq_1_to_1000");
    }

    /// <summary>Commits transactions until <paramref name="stop"/> is cancelled; DDL only while <see cref="AllowDdl"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        await using var connection = await source.OpenConnectionAsync(CancellationToken.None);
        while (!stop.IsCancellationRequested)
            await OneAsync(connection, AllowDdl);
    }

    /// <summary>Commits <paramref name="count"/> transactions.</summary>
    public async Task RunAsync(int count, bool withDdl)
    {
        await using var connection = await source.OpenConnectionAsync(CancellationToken.None);
        for (var i = 0; i < count; i++)
            await OneAsync(connection, withDdl);
    }

    private async Task OneAsync(MySqlConnection connection, bool withDdl)
    {
        string sql;
        if (withDdl && _random.Next(60) == 0)
        {
            sql = (_ddl++ % 6) switch
            {
                0 => $"ALTER TABLE {schema}.accounts ADD COLUMN extra INT DEFAULT 7",
                1 => $"CREATE TABLE {schema}.side (id INT PRIMARY KEY, s VARCHAR(10)); INSERT INTO {schema}.side VALUES (1, 'one'), (2, 'two')",
                2 => $"ALTER TABLE {schema}.accounts DROP COLUMN extra",
                3 => $"TRUNCATE TABLE {schema}.side",
                4 => $"RENAME TABLE {schema}.side TO {schema}.side_renamed",
                _ => $"DROP TABLE {schema}.side_renamed",
            };
        }
        else
        {
            var statements = new List<string>();
            for (var i = _random.Next(1, 5); i > 0; i--)
                statements.Add(Dml());
            sql = "START TRANSACTION; " + string.Join("; ", statements) + "; COMMIT";
        }

        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
        Transactions++;
        Statements += sql.Count(c => c == ';') + 1;
    }

    private string Dml()
    {
        var id = _random.Next(1, 20_001);
        var a = _random.Next(300);
        return _random.Next(12) switch
        {
            0 => $"INSERT INTO {schema}.accounts (id, balance, note, at) VALUES ({_next++}, {_random.Next(1000)}, 'new 🚀', NOW(3))",
            1 => $"UPDATE {schema}.accounts SET balance = balance + 1, note = 'upd' WHERE id = {id}",
            2 => $"UPDATE {schema}.accounts SET id = {_next++} WHERE id = {id}",
            3 => $"DELETE FROM {schema}.accounts WHERE id = {id}",
            4 => $"REPLACE INTO {schema}.accounts (id, balance, note, at) VALUES ({id}, 5, 'replaced', NULL)",
            5 => $"INSERT INTO {schema}.pairs VALUES ({a}, 'n{_next++}', 1.25, 0x00FF5C0A) ON DUPLICATE KEY UPDATE v = v + 1",
            // A new key part that no row holds: a random one (the server's RAND()) once met an earlier one for the same a.
            6 => $"UPDATE {schema}.pairs SET b = 'u{_next++}', v = v * 2 WHERE a = {a} ORDER BY b LIMIT 1",
            7 => $"DELETE FROM {schema}.pairs WHERE a = {a} ORDER BY b LIMIT 3",
            8 => $"INSERT INTO {schema}.tags (name, hits) VALUES ('t{_random.Next(5000)}', 1) ON DUPLICATE KEY UPDATE hits = hits + 1",
            9 => $"UPDATE {schema}.tags SET name = 'r{_next++}' WHERE id = {_random.Next(1, 3001)}",
            10 => $"INSERT INTO {schema}.loose VALUES ({_random.Next(40)}, 'w{_next++}')",
            _ => $"DELETE FROM {schema}.loose WHERE k = {_random.Next(40)} LIMIT 1",
        };
    }

    /// <summary>
    /// Waits until every table's checksum on <paramref name="target"/> equals the source's. False once the target has
    /// not changed at all for <paramref name="stall"/> (replication stuck, or done and different), or after
    /// <see cref="WaitCap"/>: a slow machine's catch-up that still moves is waited for, a stuck one is not.
    /// </summary>
    public async Task<bool> WaitForTargetAsync(MariaDbInstance target, TimeSpan stall)
    {
        var clock = Stopwatch.StartNew();
        var lastChange = TimeSpan.Zero;
        string? lastSeen = null;
        while (clock.Elapsed < WaitCap)
        {
            var (differences, seen) = await CompareAsync(target);
            if (differences.Count == 0)
                return true;
            if (seen != lastSeen)
                (lastSeen, lastChange) = (seen, clock.Elapsed);
            else if (clock.Elapsed - lastChange > stall)
                return false;
            await Task.Delay(250);
        }

        return false;
    }

    /// <summary>The longest <see cref="WaitForTargetAsync"/> waits, however the target moves.</summary>
    public static readonly TimeSpan WaitCap = TimeSpan.FromMinutes(8);

    /// <summary>The tables whose checksum or row count differs between source and target.</summary>
    public async Task<List<string>> DifferencesAsync(MariaDbInstance target) => (await CompareAsync(target)).Differences;

    /// <summary>The tables that differ, and the target's checksums as seen (to tell whether it still moves).</summary>
    private async Task<(List<string> Differences, string Seen)> CompareAsync(MariaDbInstance target)
    {
        var differ = new List<string>();
        var seen = new List<string>();
        foreach (var table in Tables)
        {
            string expected, actual;
            try
            {
                expected = await source.ChecksumAsync($"{schema}.{table}");
                actual = await target.ChecksumAsync($"{schema}.{table}");
            }
            catch (MySqlException ex)
            {
                differ.Add($"{table}: {ex.Message}");
                seen.Add(ex.Message);
                continue;
            }

            seen.Add(actual);
            if (expected != actual)
            {
                var count = Convert.ToString(await target.ScalarAsync($"SELECT COUNT(*) FROM {schema}.{table}"), CultureInfo.InvariantCulture);
                differ.Add($"{table}: checksum {actual} != {expected} (target rows {count})");
            }
        }

        return (differ, string.Join(",", seen));
    }
}
