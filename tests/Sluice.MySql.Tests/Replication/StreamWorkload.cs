using System.Globalization;
using System.Text;
using MySqlConnector;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using Sluice.MySql.Replication;
using Sluice.Testing;

namespace Sluice.MySql.Tests.Replication;

/// <summary>
/// A multi-table workload of more than 50,000 row changes in two phases — inserts, updates, deletes, DDL and a
/// FLUSH BINARY LOGS rotate — written once to the source, with the row counts each phase must decode to.
/// </summary>
public sealed class StreamWorkload(MariaDbServers servers) : IAsyncLifetime
{
    public const string Schema = "stream_workload";

    public BinlogCheckpoint Start { get; private set; } = null!;

    /// <summary>The GTID state between the two phases.</summary>
    public MariaDbGtidList Middle { get; private set; } = null!;

    /// <summary>Row changes per "table:kind" in phase 1 and phase 2.</summary>
    public Dictionary<string, int> Phase1 { get; } = [];

    public Dictionary<string, int> Phase2 { get; } = [];

    public int TotalRows => Phase1.Values.Sum() + Phase2.Values.Sum();

    public MariaDbInstance Source => servers.Source;

    public static bool IsEnd(BinlogEvent binlogEvent) => SourceStream.IsRowsOf(binlogEvent, Schema, "done");

    public static string Key(RowsEvent rows) => $"{rows.Table.TableName}:{rows.Kind}";

    public async ValueTask InitializeAsync()
    {
        await using var connection = await Source.OpenConnectionAsync();
        await Exec(connection, $"DROP DATABASE IF EXISTS {Schema}; CREATE DATABASE {Schema}");
        Start = await SourceStream.EndAsync(Source);
        await Exec(connection, $"CREATE TABLE {Schema}.a (id INT PRIMARY KEY, v VARCHAR(20), n INT)");
        await Exec(connection, $"CREATE TABLE {Schema}.b (id BIGINT PRIMARY KEY, payload BLOB, ts DATETIME(6))");
        await Exec(connection, $"CREATE TABLE {Schema}.c (k INT, s TEXT)");

        // Phase 1: 10,000 + 10,000 inserts, 5,000 updates, 2,000 deletes, an ALTER and a rotate.
        await InsertAsync(connection, "a", 1, 10_000, i => $"({i}, 'v{i}', {i % 97})", Phase1);
        await InsertAsync(connection, "b", 1, 10_000, i => $"({i}, UNHEX(REPEAT('AB', {i % 50})), '2026-01-01 00:00:00.{i % 1_000_000:D6}')", Phase1);
        await ChangeAsync(connection, $"UPDATE {Schema}.a SET n = n + 1 WHERE id <= 5000", "a:Update", 5000, Phase1);
        await ChangeAsync(connection, $"DELETE FROM {Schema}.b WHERE id <= 2000", "b:Delete", 2000, Phase1);
        await Exec(connection, $"ALTER TABLE {Schema}.a ADD COLUMN extra INT NULL");
        await Exec(connection, "FLUSH BINARY LOGS");
        Middle = MariaDbGtidList.Parse((string)(await Scalar(connection, "SELECT @@gtid_binlog_pos"))!);

        // Phase 2: 10,000 inserts into a table without a key, 5,000 updates, 3,000 deletes, 5,000 inserts after the ALTER, more DDL.
        await InsertAsync(connection, "c", 1, 10_000, i => $"({i % 10}, REPEAT('s', {i % 30}))", Phase2);
        await ChangeAsync(connection, $"UPDATE {Schema}.b SET ts = ts + INTERVAL 1 SECOND WHERE id > 5000", "b:Update", 5000, Phase2);
        await ChangeAsync(connection, $"DELETE FROM {Schema}.a WHERE id > 7000", "a:Delete", 3000, Phase2);
        await InsertAsync(connection, "a", 20_001, 5_000, i => $"({i}, 'w{i}', {i % 13}, {i})", Phase2);
        await Exec(connection, $"CREATE TABLE {Schema}.d (id INT PRIMARY KEY AUTO_INCREMENT, x DOUBLE)");
        await InsertAsync(connection, "d", 1, 2_000, i => $"({i}, {i}.5)", Phase2);
        await Exec(connection, $"TRUNCATE TABLE {Schema}.d");
        await Exec(connection, $"DROP TABLE {Schema}.d");
        await Exec(connection, $"CREATE TABLE {Schema}.done (x INT)");
        await InsertAsync(connection, "done", 1, 1, i => $"({i})", Phase2);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task InsertAsync(MySqlConnection connection, string table, int first, int count, Func<int, string> row, Dictionary<string, int> phase)
    {
        for (var batchStart = first; batchStart < first + count; batchStart += 500)
        {
            var sql = new StringBuilder($"INSERT INTO {Schema}.{table} VALUES ");
            var end = Math.Min(batchStart + 500, first + count);
            for (var i = batchStart; i < end; i++)
                sql.Append(i == batchStart ? string.Empty : ",").Append(row(i));
            await Exec(connection, sql.ToString());
        }

        Add(phase, $"{table}:Insert", count);
    }

    private static async Task ChangeAsync(MySqlConnection connection, string sql, string key, int expected, Dictionary<string, int> phase)
    {
        await using var command = new MySqlCommand(sql, connection);
        var affected = await command.ExecuteNonQueryAsync();
        Assert.Equal(expected, affected);
        Add(phase, key, expected);
    }

    private static void Add(Dictionary<string, int> phase, string key, int count) =>
        phase[key] = phase.GetValueOrDefault(key) + count;

    private static async Task Exec(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    internal static string Describe(Dictionary<string, int> counts) =>
        string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")));
}
