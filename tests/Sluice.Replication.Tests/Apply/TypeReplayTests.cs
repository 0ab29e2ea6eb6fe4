using Sluice.Testing;
using static Sluice.Replication.Tests.Apply.BinlogReplay;

namespace Sluice.Replication.Tests.Apply;

/// <summary>
/// Differential tests: for every column type, rows are inserted, updated (a value, to and from NULL, the key) and
/// deleted on the source; its binlog is read back and applied to the target with the writer's statements; the
/// target's table must then have the source's CHECKSUM TABLE, with a primary key and without one, in normal mode
/// and in safe mode applied twice.
/// </summary>
public sealed class TypeReplayTests(MariaDbServers servers)
{
    /// <summary>MariaDB's own types, stored as BINARY(16) in the binlog.</summary>
    private static readonly (string Name, string ColumnType, string[] Values)[] MariaDbCases =
    [
        ("uuid", "UUID", ["'123e4567-e89b-12d3-a456-426614174000'", "'00000000-0000-0000-0000-000000000000'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'"]),
        ("inet6", "INET6", ["'::1'", "'2001:db8::ff00:42:8329'", "'::ffff:192.0.2.1'"]),
    ];

    public static TheoryData<string, string, string[]> Cases()
    {
        var data = new TheoryData<string, string, string[]>();
        foreach (var (name, type, values) in TypeCases.All.Concat(MariaDbCases))
            data.Add(name, type, values);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Changes_applied_to_the_target_give_the_sources_checksum(string name, string columnType, string[] values)
    {
        var schema = "wa_" + name;
        var safeSchema = "was_" + name;
        var ddl = new[]
        {
            $"CREATE TABLE k (id INT PRIMARY KEY, v {columnType})",
            $"CREATE TABLE n (id INT, v {columnType})",
        };
        await using var source = await servers.Source.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await ExecAsync(source, "SET SESSION sql_mode = '', time_zone = '+00:00'");
        await using var target = await servers.Target.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await ExecAsync(target, "SET SESSION sql_mode = ''");
        foreach (var (connection, schemas) in new[] { (source, new[] { schema }), (target, new[] { schema, safeSchema }) })
        {
            foreach (var s in schemas)
            {
                await ExecAsync(connection, $"DROP DATABASE IF EXISTS `{s}`; CREATE DATABASE `{s}`");
                foreach (var statement in ddl)
                    await ExecAsync(connection, $"USE `{s}`; {statement}");
            }
        }

        var start = await BinlogRows.EndAsync(servers.Source, TestContext.Current.CancellationToken);
        foreach (var table in new[] { "k", "n" })
        {
            var t = $"`{schema}`.{table}";
            var n = values.Length;
            var rows = string.Join(",", values.Select((v, i) => $"({i + 1}, {v})"));
            await ExecAsync(source, $"INSERT INTO {t} VALUES {rows}, ({n + 1}, NULL)");
            await ExecAsync(source, $"UPDATE {t} SET v = {values[^1]} WHERE id = 1");
            await ExecAsync(source, $"UPDATE {t} SET v = NULL WHERE id = 2");
            await ExecAsync(source, $"UPDATE {t} SET v = {values[0]} WHERE id = {n + 1}");
            await ExecAsync(source, $"UPDATE {t} SET id = id + 100 WHERE id = 3");
            await ExecAsync(source, $"INSERT INTO {t} VALUES (200, {values[0]}), (201, {values[^1]}), (202, NULL)");
            await ExecAsync(source, $"DELETE FROM {t} WHERE id IN (4, 200, 201, 202)");
        }

        var events = await BinlogRows.ReadAsync(servers.Source, start, schema, TestContext.Current.CancellationToken);
        Assert.NotEmpty(events);
        await ApplyAsync(servers.Target, events, schema, safeMode: false);
        var keyed = events.Where(e => e.Table.TableName == "k").ToList();
        await ApplyAsync(servers.Target, keyed, safeSchema, safeMode: true);
        await ApplyAsync(servers.Target, keyed, safeSchema, safeMode: true);

        var ct = TestContext.Current.CancellationToken;
        foreach (var table in new[] { "k", "n" })
        {
            var expected = await servers.Source.ChecksumAsync($"`{schema}`.{table}", ct);
            Assert.True(
                expected == await servers.Target.ChecksumAsync($"`{schema}`.{table}", ct),
                $"{columnType}: table {table} differs after the changes were applied");
        }

        Assert.True(
            await servers.Source.ChecksumAsync($"`{schema}`.k", ct) == await servers.Target.ChecksumAsync($"`{safeSchema}`.k", ct),
            $"{columnType}: table k differs after the changes were applied twice in safe mode");
    }
}
