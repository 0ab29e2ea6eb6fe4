using MySqlConnector;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Replication;
using Sluice.Testing;

namespace Sluice.MySql.Tests.Replication;

/// <summary>
/// Differential tests: edge values of every column type are written to a real MariaDB, streamed back through
/// <see cref="BinlogClient"/>, and each decoded value must equal what SELECT returns for the same row.
/// </summary>
public sealed class DecodedTypesTests(MariaDbServers servers)
{
    public static TheoryData<string, string, string[]> Cases()
    {
        var data = new TheoryData<string, string, string[]>();
        foreach (var (name, type, values) in TypeCases.All)
            data.Add(name, type, values);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Decoded_values_equal_what_select_returns(string name, string columnType, string[] values)
    {
        var source = servers.Source;
        var schema = "dt_" + name;
        await using var connection = await source.OpenConnectionAsync();
        await Exec(connection, "SET SESSION sql_mode = '', time_zone = '+00:00'");
        await Exec(connection, $"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`");
        await Exec(connection, $"CREATE TABLE `{schema}`.t (id INT PRIMARY KEY, v {columnType})");
        var start = await SourceStream.EndAsync(source);
        for (var i = 0; i < values.Length; i++)
            await Exec(connection, $"INSERT INTO `{schema}`.t VALUES ({i + 1}, {values[i]})");
        await Exec(connection, $"INSERT INTO `{schema}`.t VALUES ({values.Length + 1}, NULL)");

        var expected = await SelectAsync(connection, schema, TypeCases.Probe(columnType), values.Length + 1);
        var decoded = await DecodeAsync(source, start, schema, values.Length + 1);

        for (var id = 1; id <= values.Length + 1; id++)
        {
            var literal = id <= values.Length ? values[id - 1] : "NULL";
            Assert.True(decoded.ContainsKey(id), $"{columnType}: row {id} ({literal}) not decoded");
            Assert.True(
                expected[id] == decoded[id],
                $"{columnType} value {literal}: SELECT gives [{expected[id]}], the binlog decodes to [{decoded[id]}]");
        }
    }

    private static async Task<Dictionary<int, string?>> DecodeAsync(MariaDbInstance source, BinlogCheckpoint start, string schema, int rows)
    {
        await using var client = new BinlogClient(SourceStream.Options(source, start));
        var decoded = new Dictionary<int, string?>();
        await SourceStream.ReadUntilAsync(client, _ => decoded.Count >= rows, onEvent: e =>
        {
            if (e is not RowsEvent { Kind: RowsEventKind.Insert } insert || insert.Table.SchemaName != schema)
                return;
            Assert.Equal("id", insert.Table.Columns[0].Name);
            Assert.Equal("v", insert.Table.Columns[1].Name);
            foreach (var row in insert.Rows)
                decoded[(int)(long)row.After![0]!] = ValueCanonicalForm.Of(row.After[1]);
        });
        return decoded;
    }

    private static async Task<Dictionary<int, string?>> SelectAsync(MySqlConnection connection, string schema, string probe, int rows)
    {
        var expected = new Dictionary<int, string?>();
        await using var command = new MySqlCommand($"SELECT id, {probe} FROM `{schema}`.t ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            expected[reader.GetInt32(0)] = ValueCanonicalForm.Of(reader.GetValue(1));
        Assert.Equal(rows, expected.Count);
        return expected;
    }

    private static async Task Exec(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
