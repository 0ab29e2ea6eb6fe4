// Load benchmark: LOAD DATA LOCAL (the loader) against multi-row INSERT, on sysbench tables.
//
//   LoadBench prepare PORT PASSWORD DIR TABLES CHUNK_ROWS   dump sbtest.sbtest1..N into DIR (SELECT INTO OUTFILE)
//   LoadBench load    PORT PASSWORD DIR SCHEMA THREADS      the loader, into SCHEMA
//   LoadBench insert  PORT PASSWORD DIR SCHEMA              multi-row INSERT of the same files, one connection
//
// Prints "rows=N seconds=S rows_per_s=R".
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MySqlConnector;
using Sluice.Migration;
using Sluice.Migration.Dump;
using Sluice.Migration.Load;
using Sluice.Replication.Filtering;

var port = int.Parse(args[1], CultureInfo.InvariantCulture);
var password = args[2];
var dir = args[3];
var connectionString = new MySqlConnectionStringBuilder
{
    Server = "127.0.0.1", Port = (uint)port, UserID = "root", Password = password, SslMode = MySqlSslMode.None,
    AllowUserVariables = true, AllowLoadLocalInfile = true, DefaultCommandTimeout = 0,
}.ConnectionString;

switch (args[0])
{
    case "prepare":
        await PrepareAsync(int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture));
        break;
    case "load":
        await LoadAsync(args[4], int.Parse(args[5], CultureInfo.InvariantCulture));
        break;
    case "insert":
        await InsertAsync(args[4]);
        break;
    default:
        throw new ArgumentException("prepare, load or insert");
}

async Task PrepareAsync(int tables, int chunkRows)
{
    Directory.CreateDirectory(dir);
    await using var connection = new MySqlConnection(connectionString);
    await connection.OpenAsync();
    File.WriteAllText(Path.Combine(dir, "sbtest-schema-create.sql"), await ScalarAsync(connection, "SHOW CREATE DATABASE sbtest", 1));
    var dumped = new List<DumpedTable>();
    for (var t = 1; t <= tables; t++)
    {
        var name = $"sbtest{t}";
        File.WriteAllText(Path.Combine(dir, $"sbtest.{name}-schema.sql"), await ScalarAsync(connection, $"SHOW CREATE TABLE sbtest.{name}", 1));
        var max = long.Parse(await ScalarAsync(connection, $"SELECT MAX(id) FROM sbtest.{name}", 0), CultureInfo.InvariantCulture);
        var chunks = new List<DumpedChunk>();
        for (long from = 1, i = 0; from <= max; from += chunkRows, i++)
        {
            var file = $"sbtest.{name}.{i:D5}.dat";
            var path = Path.GetFullPath(Path.Combine(dir, file));
            // The server's own export format is the dump format's: tab, newline, backslash escapes, \N.
            await using (var export = new MySqlCommand(
                $"SELECT id, k, c, pad FROM sbtest.{name} WHERE id >= {from} AND id < {from + chunkRows} INTO OUTFILE '{path}'", connection))
                await export.ExecuteNonQueryAsync();
            chunks.Add(new DumpedChunk { Index = (int)i, File = file, Rows = Math.Min(chunkRows, max - from + 1), Bytes = new FileInfo(path).Length });
        }

        dumped.Add(new DumpedTable
        {
            Schema = "sbtest", Table = name, SchemaFile = $"sbtest.{name}-schema.sql",
            Columns = [new("id", ColumnEncoding.Raw), new("k", ColumnEncoding.Raw), new("c", ColumnEncoding.Raw), new("pad", ColumnEncoding.Raw)],
            Chunks = chunks, Rows = chunks.Sum(c => c.Rows), Bytes = chunks.Sum(c => c.Bytes),
        });
    }

    var manifest = new DumpManifest
    {
        SourceId = "bench", Consistency = "none", StartedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow,
        Schemas = [new DumpedSchema("sbtest", "sbtest-schema-create.sql")], Tables = dumped,
    };
    File.WriteAllText(Path.Combine(dir, DumpManifest.FileName), JsonSerializer.Serialize(manifest));
}

async Task LoadAsync(string schema, int threads)
{
    var endpoint = new DatabaseEndpoint { Host = "127.0.0.1", Port = port, User = "root", Password = password };
    var task = new MigrationTask
    {
        Name = "bench_" + schema, MetaSchema = "bench_meta", Target = endpoint,
        Sources = [new SourceInstance { SourceId = "bench", Connection = endpoint, Load = new LoadOptions { Threads = threads } }],
    };
    var clock = Stopwatch.StartNew();
    await new Loader().RunAsync(task, "bench", dir, t => new TableName(schema, t.Table), _ => schema, null, CancellationToken.None);
    Report(Manifest().Tables.Sum(t => t.Rows), clock.Elapsed);
}

// The same files imported with multi-row INSERTs (1,000 rows a statement, values as parameters), one
// transaction per file, with the loader's session settings: the alternative to LOAD DATA.
async Task InsertAsync(string schema)
{
    var manifest = Manifest();
    await using var connection = new MySqlConnection(connectionString);
    await connection.OpenAsync();
    await ExecuteAsync(connection, null,
        "SET SESSION foreign_key_checks = 0, unique_checks = 1, sql_mode = 'NO_AUTO_VALUE_ON_ZERO', time_zone = '+00:00'");
    await ExecuteAsync(connection, null, $"CREATE DATABASE IF NOT EXISTS `{schema}`");
    var clock = Stopwatch.StartNew();
    long rows = 0;
    foreach (var table in manifest.Tables)
    {
        var create = File.ReadAllText(Path.Combine(dir, table.SchemaFile));
        await ExecuteAsync(connection, null, create.Replace($"CREATE TABLE `{table.Table}`", $"CREATE TABLE `{schema}`.`{table.Table}`", StringComparison.Ordinal));
        var columns = string.Join(", ", table.Columns.Select(c => $"`{c.Name}`"));
        foreach (var chunk in table.Chunks)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var batch = new List<byte[]?[]>();
            foreach (var row in ReadRows(Path.Combine(dir, chunk.File)))
            {
                batch.Add(row);
                if (batch.Count == 1000)
                {
                    await InsertBatchAsync(connection, transaction, $"`{schema}`.`{table.Table}`", columns, batch);
                    rows += batch.Count;
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await InsertBatchAsync(connection, transaction, $"`{schema}`.`{table.Table}`", columns, batch);
                rows += batch.Count;
            }

            await transaction.CommitAsync();
        }
    }

    Report(rows, clock.Elapsed);
}

static async Task InsertBatchAsync(MySqlConnection connection, MySqlTransaction transaction, string table, string columns, List<byte[]?[]> rows)
{
    var sql = new StringBuilder($"INSERT INTO {table} ({columns}) VALUES ");
    await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
    for (var r = 0; r < rows.Count; r++)
    {
        sql.Append(r == 0 ? "(" : ", (");
        for (var c = 0; c < rows[r].Length; c++)
        {
            var name = $"@p{r}_{c}";
            sql.Append(c == 0 ? name : ", " + name);
            command.Parameters.Add(new MySqlParameter(name, MySqlDbType.VarBinary) { Value = (object?)rows[r][c] ?? DBNull.Value });
        }

        sql.Append(')');
    }

    command.CommandText = sql.ToString();
    await command.ExecuteNonQueryAsync();
}

// Reads a data file back into values: the dump format's escapes undone, \N as null.
static IEnumerable<byte[]?[]> ReadRows(string path)
{
    var bytes = File.ReadAllBytes(path);
    var row = new List<byte[]?>();
    var value = new List<byte>();
    var isNull = false;
    for (var i = 0; i < bytes.Length; i++)
    {
        var b = bytes[i];
        if (b == '\\' && i + 1 < bytes.Length)
        {
            var e = bytes[++i];
            if (e == 'N' && value.Count == 0)
                isNull = true;
            else
                value.Add(e switch { (byte)'t' => 9, (byte)'n' => 10, (byte)'r' => 13, (byte)'0' => 0, (byte)'Z' => 26, _ => e });
        }
        else if (b is (byte)'\t' or (byte)'\n')
        {
            row.Add(isNull ? null : [.. value]);
            value.Clear();
            isNull = false;
            if (b == '\n')
            {
                yield return [.. row];
                row.Clear();
            }
        }
        else
        {
            value.Add(b);
        }
    }
}

DumpManifest Manifest() => JsonSerializer.Deserialize<DumpManifest>(File.ReadAllText(Path.Combine(dir, DumpManifest.FileName)))!;

static void Report(long rows, TimeSpan elapsed) =>
    Console.WriteLine(FormattableString.Invariant($"rows={rows} seconds={elapsed.TotalSeconds:F2} rows_per_s={rows / elapsed.TotalSeconds:F0}"));

static async Task<string> ScalarAsync(MySqlConnection connection, string sql, int column)
{
    await using var command = new MySqlCommand(sql, connection);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return Convert.ToString(reader.GetValue(column), CultureInfo.InvariantCulture)!;
}

static async Task ExecuteAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql)
{
    await using var command = new MySqlCommand(sql, connection, transaction);
    await command.ExecuteNonQueryAsync();
}
