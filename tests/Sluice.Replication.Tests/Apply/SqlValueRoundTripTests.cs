using System.Text;
using MySqlConnector;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;
using Sluice.Testing;
using static Sluice.Replication.Tests.Apply.BinlogReplay;

namespace Sluice.Replication.Tests.Apply;

/// <summary>
/// Round trips through the target: values decoded from the source's binlog are inserted once as literals written by
/// <see cref="SqlValueWriter"/> and once as the MySqlParameters they were sent as before (<see cref="ParameterValues"/>);
/// both tables must hold what the source holds, and a key comparison with the literal must find the rows the
/// parameter finds.
/// </summary>
public sealed class SqlValueRoundTripTests(MariaDbServers servers)
{
    private static readonly string[] HostileStrings =
    [
        "it's", "''", "'", "a\\b", "end\\", "\\", "\\'", "\\\\'", "a\0b", "\0", "\u001A", "line\r\nbreak\n", "tab\t",
        "? @p ?x -- # /* */ ; `", "\"q\"", "🚀 4 bytes", "a\uD800b", "\uDC00\\", "héllo", "ÿ€", string.Empty, " trailing ",
    ];

    public static TheoryData<string, string, string[]> Cases()
    {
        var data = new TheoryData<string, string, string[]>();
        foreach (var (name, type, values) in TypeCases.All)
            data.Add(name, type, values);
        data.Add("uuid", "UUID", ["'123e4567-e89b-12d3-a456-426614174000'", "'00000000-0000-0000-0000-000000000000'"]);
        data.Add("inet6", "INET6", ["'::1'", "'2001:db8::ff00:42:8329'"]);
        data.Add("text_hostile", "VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", ["'it''s'", "'a\\\\b'", "'end\\\\'", "CONCAT('a', CHAR(0), 'b', CHAR(26))", "'? @p -- #'"]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Values_written_into_the_statement_store_what_parameters_store(string name, string columnType, string[] values)
    {
        var ct = TestContext.Current.CancellationToken;
        var schema = "wv_" + name;
        var ddl = $"(id INT PRIMARY KEY, v {columnType})";
        await using var source = await servers.Source.OpenConnectionAsync(ct);
        await ExecAsync(source, $"SET SESSION sql_mode = '', time_zone = '+00:00'; DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; CREATE TABLE `{schema}`.t {ddl}");
        await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; CREATE TABLE `{schema}`.lit {ddl}; CREATE TABLE `{schema}`.par {ddl}", ct);
        var start = await BinlogRows.EndAsync(servers.Source, ct);
        var rows = string.Join(",", values.Select((v, i) => $"({i + 1}, {v})"));
        await ExecAsync(source, $"INSERT INTO `{schema}`.t VALUES {rows}, ({values.Length + 1}, NULL)");
        var events = await BinlogRows.ReadAsync(servers.Source, start, schema, ct);
        var images = events.SelectMany(e => e.Rows).Select(r => r.After!).ToList();
        Assert.Equal(values.Length + 1, images.Count);
        var columns = events[0].Table.Columns;

        await using var target = await servers.Target.OpenConnectionAsync(ct);
        await WriterSession.ApplyAsync(target, ct);
        foreach (var image in images)
        {
            await ExecAsync(target, $"INSERT INTO `{schema}`.lit (id, v) VALUES ({SqlValueWriter.Literal(columns[0], image[0])}, {SqlValueWriter.Literal(columns[1], image[1])})");
            await using var insert = new MySqlCommand($"INSERT INTO `{schema}`.par (id, v) VALUES (?, ?)", target);
            insert.Parameters.Add(new MySqlParameter { Value = ParameterValues.ToParameterValue(columns[0], image[0]) });
            insert.Parameters.Add(new MySqlParameter { Value = ParameterValues.ToParameterValue(columns[1], image[1]) });
            await insert.ExecuteNonQueryAsync(ct);
        }

        var expected = await servers.Source.ChecksumAsync($"`{schema}`.t", ct);
        Assert.True(expected == await servers.Target.ChecksumAsync($"`{schema}`.par", ct), $"{columnType}: the parameters stored other values than the source holds");
        Assert.True(expected == await servers.Target.ChecksumAsync($"`{schema}`.lit", ct), $"{columnType}: the literals stored other values than the source holds");

        foreach (var image in images)
        {
            var literal = SqlValueWriter.KeyLiteral(columns[1], image[1]);
            await using var byLiteral = new MySqlCommand($"SELECT GROUP_CONCAT(id ORDER BY id) FROM `{schema}`.lit WHERE v <=> {literal}", target);
            await using var byParameter = new MySqlCommand($"SELECT GROUP_CONCAT(id ORDER BY id) FROM `{schema}`.par WHERE v <=> {ParameterValues.KeyExpression(columns[1], "?")}", target);
            byParameter.Parameters.Add(new MySqlParameter { Value = ParameterValues.ToParameterValue(columns[1], image[1]) });
            var found = await byLiteral.ExecuteScalarAsync(ct);
            Assert.True(Equals(await byParameter.ExecuteScalarAsync(ct), found), $"{columnType}: {literal} finds rows {found}, the parameter others");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(",NO_BACKSLASH_ESCAPES")]
    public async Task Hostile_strings_store_their_exact_bytes_whether_backslashes_escape_or_not(string extraMode)
    {
        var ct = TestContext.Current.CancellationToken;
        var schema = "wv_hostile" + (extraMode.Length > 0 ? "_nbe" : string.Empty);
        var text = Columns.Text(1, "s");
        var latin1 = Columns.Text(2, "l", Charsets.FromCharsetName("latin1"));
        var bytes = Columns.Of(3, "b", ColumnType.Blob, 2);
        await servers.Target.ExecuteAsync(
            $"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; " +
            $"CREATE TABLE `{schema}`.h (id INT PRIMARY KEY, s VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, l VARCHAR(200) CHARACTER SET latin1 COLLATE latin1_bin, b BLOB)",
            ct);
        await using var target = await servers.Target.OpenConnectionAsync(ct);
        await WriterSession.ApplyAsync(target, ct);
        await ExecAsync(target, $"SET SESSION sql_mode = '{WriterSession.SqlMode}{extraMode}'");

        for (var i = 0; i < HostileStrings.Length; i++)
        {
            var s = HostileStrings[i];
            await ExecAsync(
                target,
                $"INSERT INTO `{schema}`.h VALUES ({i}, {SqlValueWriter.Literal(text, s)}, {SqlValueWriter.Literal(latin1, s)}, {SqlValueWriter.Literal(bytes, Encoding.UTF8.GetBytes(s))})");
        }

        for (var i = 0; i < HostileStrings.Length; i++)
        {
            var s = HostileStrings[i];
            await using var read = new MySqlCommand($"SELECT HEX(s), HEX(l), HEX(b) FROM `{schema}`.h WHERE s = {SqlValueWriter.KeyLiteral(text, s)} AND l = {SqlValueWriter.KeyLiteral(latin1, s)} AND b = {SqlValueWriter.KeyLiteral(bytes, Encoding.UTF8.GetBytes(s))}", target);
            await using var reader = await read.ExecuteReaderAsync(ct);
            Assert.True(await reader.ReadAsync(ct), $"row {i} ({Escape(s)}) is not found by its literals");
            Assert.Equal(Convert.ToHexString(Encoding.UTF8.GetBytes(s)), reader.GetString(0));
            Assert.Equal(Convert.ToHexString(latin1.Encoding!.GetBytes(s)), reader.GetString(1));
            Assert.Equal(Convert.ToHexString(Encoding.UTF8.GetBytes(s)), reader.GetString(2));
            Assert.False(await reader.ReadAsync(ct), $"row {i} ({Escape(s)}) matches more than once");
        }
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
