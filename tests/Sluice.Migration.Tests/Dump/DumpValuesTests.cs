using System.Text;
using MySqlConnector;
using Sluice.Migration.Dump;
using Sluice.Testing;

namespace Sluice.Migration.Tests.Dump;

/// <summary>Every value written reads back, with an independent parser, as the bytes the server holds.</summary>
public sealed class DumpValuesTests(MariaDbServers servers) : IAsyncLifetime
{
    private readonly string _schema = DumpTestSource.NewSchema("dump_values");
    private readonly string _directory = DumpTestSource.NewDirectory();

    public async ValueTask InitializeAsync() =>
        await servers.Source.ExecuteAsync($"CREATE DATABASE `{_schema}` CHARACTER SET utf8mb4", TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await servers.Source.ExecuteAsync($"DROP DATABASE IF EXISTS `{_schema}`");
        DumpTestSource.DeleteDirectory(_directory);
    }

    [Fact]
    public async Task Mixed_types_read_back_as_the_bytes_the_server_holds()
    {
        await CreateMixedTableAsync();

        var manifest = await new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source, new DumpOptions { Threads = 2 }),
            DumpTestSource.Tables(_schema, "mixed"),
            _directory,
            null,
            TestContext.Current.CancellationToken);

        var table = DumpTestSource.Table(manifest, _schema, "mixed");
        Assert.DoesNotContain(table.Columns, c => c.Name == "gen");
        Assert.Equal(ColumnEncoding.BitInteger, Assert.Single(table.Columns, c => c.Name == "bt").Encoding);
        Assert.Equal(ColumnEncoding.BitInteger, Assert.Single(table.Columns, c => c.Name == "b1").Encoding);
        Assert.Equal(ColumnEncoding.GeometryHex, Assert.Single(table.Columns, c => c.Name == "g").Encoding);
        Assert.All(table.Columns.Where(c => c.Name is not ("bt" or "b1" or "g")), c => Assert.Equal(ColumnEncoding.Raw, c.Encoding));

        var dumped = DumpTestSource.ReadRows(_directory, table).OrderBy(r => DumpTestSource.Integer(r[0])).ToList();
        var select = string.Join(", ", table.Columns.Select(c => c.Encoding switch
        {
            ColumnEncoding.BitInteger => $"CAST(`{c.Name}` + 0 AS BINARY)",
            ColumnEncoding.GeometryHex => $"HEX(`{c.Name}`)",
            _ => $"CAST(`{c.Name}` AS BINARY)",
        }));
        await using var check = await DumpTestSource.OpenAsync(servers.Source);
        var expected = await DumpTestSource.SelectBytesAsync(check, $"SELECT {select} FROM `{_schema}`.`mixed` ORDER BY id");

        Assert.Equal(3, dumped.Count);
        for (var row = 0; row < expected.Count; row++)
        {
            for (var column = 0; column < table.Columns.Count; column++)
                Assert.True(SameBytes(expected[row][column], dumped[row][column]), $"row {row + 1}, column {table.Columns[column].Name}: expected {Show(expected[row][column])}, dumped {Show(dumped[row][column])}");
        }

        // The values that matter most, spelled out rather than only compared with the server.
        var second = dumped[1];
        Assert.Equal("tab\there\nnew\\back\rcr\0nul\u001Aend 😀 ünï", Encoding.UTF8.GetString(Column(table, second, "vc")!));
        Assert.Equal(Encoding.Latin1.GetBytes("café \t\\ ÿ"), Column(table, second, "l1"));
        Assert.Equal("\\N"u8.ToArray(), Column(table, second, "vb"));
        Assert.Equal("0000-00-00"u8.ToArray(), Column(table, second, "d"));
        Assert.Equal("2024-02-29 12:34:56.789"u8.ToArray(), Column(table, second, "ts"));
        Assert.Equal("18446744073709551615"u8.ToArray(), Column(table, second, "bt"));
        Assert.StartsWith("E6100000", Encoding.ASCII.GetString(Column(table, second, "g")!), StringComparison.Ordinal);
        Assert.Null(Column(table, dumped[0], "vc"));
        Assert.Equal("NULL"u8.ToArray(), Column(table, dumped[2], "txt"));
        Assert.Equal(Array.Empty<byte>(), Column(table, dumped[2], "bl"));
    }

    [Fact]
    public async Task A_row_over_16_MiB_is_written_whole()
    {
        var large = new byte[20 * 1024 * 1024 + 3];
        new Random(7).NextBytes(large);
        await using (var connection = await DumpTestSource.OpenAsync(servers.Source))
        {
            await DumpTestSource.ExecuteAsync(connection, $"CREATE TABLE `{_schema}`.`large` (id INT PRIMARY KEY, b LONGBLOB, t VARCHAR(10))");
            await DumpTestSource.ExecuteAsync(connection, $"INSERT INTO `{_schema}`.`large` VALUES (1, @b, 'after')", ("@b", large));
            await DumpTestSource.ExecuteAsync(connection, $"INSERT INTO `{_schema}`.`large` VALUES (2, 'small', NULL)");
        }

        var manifest = await new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source, new DumpOptions { Threads = 1 }),
            DumpTestSource.Tables(_schema, "large"),
            _directory,
            null,
            TestContext.Current.CancellationToken);

        var rows = DumpTestSource.ReadRows(_directory, DumpTestSource.Table(manifest, _schema, "large"));
        Assert.Equal(2, rows.Count);
        Assert.Equal(large, rows[0][1]);
        Assert.Equal("after"u8.ToArray(), rows[0][2]);
        Assert.Equal("small"u8.ToArray(), rows[1][1]);
        Assert.Null(rows[1][2]);
    }

    [Fact]
    public async Task Mixed_values_load_back_through_LOAD_DATA_exactly()
    {
        await CreateMixedTableAsync();
        var manifest = await new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source),
            DumpTestSource.Tables(_schema, "mixed"),
            _directory,
            null,
            TestContext.Current.CancellationToken);
        var table = DumpTestSource.Table(manifest, _schema, "mixed");

        await servers.Target.ExecuteAsync($"CREATE DATABASE `{_schema}`", TestContext.Current.CancellationToken);
        try
        {
            // MySqlConnector sends a local file by name only over a verified TLS connection.
            await using var target = new MySqlConnection(new MySqlConnectionStringBuilder(servers.Target.ConnectionString)
            {
                SslMode = MySqlSslMode.VerifyCA,
                SslCa = servers.Target.CaFile,
                Database = _schema,
            }.ConnectionString);
            await target.OpenAsync(TestContext.Current.CancellationToken);
            await DumpTestSource.ExecuteAsync(target, "SET SESSION sql_mode = '', SESSION time_zone = '+00:00'");
            await DumpTestSource.ExecuteAsync(target, File.ReadAllText(Path.Combine(_directory, table.SchemaFile)));

            // The format's encodings undone the plain way: raw columns as they are, BIT from its number, GEOMETRY from its hex.
            var targets = table.Columns.Select(c => c.Encoding == ColumnEncoding.Raw ? $"`{c.Name}`" : $"@`{c.Name}`");
            var sets = table.Columns.Where(c => c.Encoding != ColumnEncoding.Raw).Select(c => c.Encoding == ColumnEncoding.BitInteger
                ? $"`{c.Name}` = CAST(@`{c.Name}` AS UNSIGNED)"
                : $"`{c.Name}` = UNHEX(@`{c.Name}`)");
            foreach (var chunk in table.Chunks)
            {
                await DumpTestSource.ExecuteAsync(
                    target,
                    $"LOAD DATA LOCAL INFILE '{Path.Combine(_directory, chunk.File)}' INTO TABLE `mixed` CHARACTER SET binary " +
                    $"({string.Join(", ", targets)}) SET {string.Join(", ", sets)}");
            }

            var select = $"SELECT {string.Join(", ", table.Columns.Select(c => $"HEX(`{c.Name}`)"))}, gen FROM `{_schema}`.`mixed` ORDER BY id";
            await using var source = await DumpTestSource.OpenAsync(servers.Source);
            var expected = await DumpTestSource.SelectBytesAsync(source, select);
            var loaded = await DumpTestSource.SelectBytesAsync(target, select);
            Assert.Equal(expected.Select(Show), loaded.Select(Show));
        }
        finally
        {
            await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS `{_schema}`");
        }
    }

    private async Task CreateMixedTableAsync()
    {
        await using (var connection = await DumpTestSource.OpenAsync(servers.Source))
        {
            await DumpTestSource.ExecuteAsync(connection, $"""
                CREATE TABLE `{_schema}`.`mixed` (
                  id INT NOT NULL PRIMARY KEY,
                  vc VARCHAR(200) CHARACTER SET utf8mb4 NULL,
                  l1 VARCHAR(200) CHARACTER SET latin1 NULL,
                  txt TEXT NULL,
                  bl BLOB NULL,
                  vb VARBINARY(64) NULL,
                  bn BINARY(4) NULL,
                  d DATE NULL,
                  dt DATETIME(6) NULL,
                  ts TIMESTAMP(3) NULL DEFAULT NULL,
                  tm TIME(2) NULL,
                  y YEAR NULL,
                  dec1 DECIMAL(30,10) NULL,
                  f FLOAT NULL,
                  db DOUBLE NULL,
                  bi BIGINT UNSIGNED NULL,
                  ti TINYINT NULL,
                  bt BIT(64) NULL,
                  b1 BIT(1) NULL,
                  g GEOMETRY NULL,
                  j JSON NULL,
                  e ENUM('a', 'b c', 'd\te') NULL,
                  st SET('x', 'y', 'z') NULL,
                  gen INT AS (id * 2) VIRTUAL
                )
                """);
            await DumpTestSource.ExecuteAsync(connection, $"INSERT INTO `{_schema}`.`mixed` (id) VALUES (1)");
            await DumpTestSource.ExecuteAsync(
                connection,
                $"""
                INSERT INTO `{_schema}`.`mixed` (id, vc, l1, txt, bl, vb, bn, d, dt, ts, tm, y, dec1, f, db, bi, ti, bt, b1, g, j, e, st)
                VALUES (2, @vc, @l1, @txt, @bl, @vb, @bn, '0000-00-00', '0000-00-00 00:00:00', '2024-02-29 12:34:56.789', '-838:59:59',
                        2155, -12345678901234567890.0123456789, 1.5e-7, -1.2345678901234567e300, 18446744073709551615, -128,
                        b'1111111111111111111111111111111111111111111111111111111111111111', b'0',
                        ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))', 4326), @j, 'b c', 'x,z')
                """,
                ("@vc", "tab\there\nnew\\back\rcr\0nul\u001Aend 😀 ünï"),
                ("@l1", "café \t\\ ÿ"),
                ("@txt", "\\N"),
                ("@bl", Enumerable.Range(0, 256).Select(i => (byte)i).ToArray()),
                ("@vb", "\\N"u8.ToArray()),
                ("@bn", new byte[] { 0x00, 0x09, 0x0A, 0x00 }),
                ("@j", """{"k": "v\n\u00e9\\", "n": [1, 2.5, null]}"""));
            await DumpTestSource.ExecuteAsync(
                connection,
                $"""
                INSERT INTO `{_schema}`.`mixed` (id, vc, l1, txt, bl, vb, bn, d, dt, ts, tm, y, dec1, f, db, bi, ti, bt, b1, g, j, e, st)
                VALUES (3, '', '', 'NULL', '', '', '', '2024-01-01', '1000-01-01 00:00:00.000001', '1970-01-01 00:00:01', '00:00:00',
                        0, 0, 0, 0, 0, 0, b'0', b'1', ST_GeomFromText('POINT(1.5 -2)'), '[]', 'd\te', '')
                """);
        }
    }

    private static byte[]? Column(DumpedTable table, byte[]?[] row, string name) =>
        row[table.Columns.ToList().FindIndex(c => c.Name == name)];

    private static bool SameBytes(byte[]? expected, byte[]? actual) =>
        expected is null ? actual is null : actual is not null && expected.AsSpan().SequenceEqual(actual);

    private static string Show(byte[]? value) => value is null ? "NULL" : Convert.ToHexString(value);

    private static string Show(byte[]?[] row) => string.Join("|", row.Select(Show));
}
