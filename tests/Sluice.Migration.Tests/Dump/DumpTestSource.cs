using System.Globalization;
using System.Text;
using System.Text.Json;
using MySqlConnector;
using Sluice.Migration.Dump;
using Sluice.Replication.Filtering;
using Sluice.Testing;

namespace Sluice.Migration.Tests.Dump;

/// <summary>Shared helpers of the dump tests: the source as a task sees it, schemas, directories, reading a dump back.</summary>
internal static class DumpTestSource
{
    public static DatabaseEndpoint Endpoint(MariaDbInstance server, string? user = null, string? password = null) => new()
    {
        Host = server.Host,
        Port = server.Port,
        User = user ?? server.User,
        Password = password ?? server.Password,
    };

    public static SourceInstance Source(MariaDbInstance server, DumpOptions? dump = null, string sourceId = "mysql-replica-01", DatabaseEndpoint? endpoint = null) => new()
    {
        SourceId = sourceId,
        Connection = endpoint ?? Endpoint(server),
        Dump = dump ?? new DumpOptions(),
    };

    /// <summary>A schema name of this test's own, so parallel test classes never meet.</summary>
    public static string NewSchema(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(64, prefix.Length + 33)];

    public static string NewDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "sluice-dump-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
    }

    /// <summary>Runs statements on a connection with sql_mode '' (zero dates allowed) and time_zone '+00:00'.</summary>
    public static async Task<MySqlConnection> OpenAsync(MariaDbInstance server)
    {
        var connection = await server.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = new MySqlCommand("SET SESSION sql_mode = '', SESSION time_zone = '+00:00'", connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    public static async Task ExecuteAsync(MySqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Rows of a SELECT whose every column is a binary string (or NULL).</summary>
    public static async Task<List<byte[]?[]>> SelectBytesAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<byte[]?[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var row = new byte[]?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) as byte[] ?? Encoding.UTF8.GetBytes(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!);
            rows.Add(row);
        }

        return rows;
    }

    public static DumpedTable Table(DumpManifest manifest, string schema, string table) =>
        Assert.Single(manifest.Tables, t => t.Schema == schema && t.Table == table);

    /// <summary>Every row of a dumped table, chunk after chunk in index order.</summary>
    public static List<byte[]?[]> ReadRows(string directory, DumpedTable table)
    {
        var rows = new List<byte[]?[]>();
        foreach (var chunk in table.Chunks.OrderBy(c => c.Index))
        {
            var chunkRows = DataFileParser.ParseFile(Path.Combine(directory, chunk.File));
            Assert.Equal(chunk.Rows, chunkRows.Count);
            Assert.Equal(chunk.Bytes, new FileInfo(Path.Combine(directory, chunk.File)).Length);
            Assert.All(chunkRows, r => Assert.Equal(table.Columns.Count, r.Length));
            rows.AddRange(chunkRows);
        }

        return rows;
    }

    public static DumpManifest ReadManifest(string directory)
    {
        var json = File.ReadAllBytes(Path.Combine(directory, DumpManifest.FileName));
        return JsonSerializer.Deserialize<DumpManifest>(json)!;
    }

    public static long Integer(byte[]? value) => long.Parse(Encoding.ASCII.GetString(value!), CultureInfo.InvariantCulture);

    public static TableName[] Tables(string schema, params string[] tables) => tables.Select(t => new TableName(schema, t)).ToArray();
}

/// <summary>Collects progress reports as they are made (Progress&lt;T&gt; would post them later).</summary>
internal sealed class ProgressLog(Action<DumpProgress>? onReport = null) : IProgress<DumpProgress>
{
    private readonly List<DumpProgress> _reports = [];

    public IReadOnlyList<DumpProgress> Reports
    {
        get
        {
            lock (_reports)
                return [.. _reports];
        }
    }

    public void Report(DumpProgress value)
    {
        lock (_reports)
            _reports.Add(value);
        onReport?.Invoke(value);
    }
}
