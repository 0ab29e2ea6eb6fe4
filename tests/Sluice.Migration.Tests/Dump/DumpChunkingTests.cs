using System.Text;
using Sluice.Migration.Dump;
using Sluice.Testing;

namespace Sluice.Migration.Tests.Dump;

/// <summary>How tables are cut into chunk files, and that the chunks hold every row exactly once.</summary>
public sealed class DumpChunkingTests(MariaDbServers servers) : IAsyncLifetime
{
    private readonly string _schema = DumpTestSource.NewSchema("dump_chunks");
    private readonly string _directory = DumpTestSource.NewDirectory();

    public async ValueTask InitializeAsync() =>
        await servers.Source.ExecuteAsync($"CREATE DATABASE `{_schema}`", TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await servers.Source.ExecuteAsync($"DROP DATABASE IF EXISTS `{_schema}`");
        DumpTestSource.DeleteDirectory(_directory);
    }

    [Fact]
    public async Task An_integer_primary_key_splits_into_ranges_that_hold_every_row_once()
    {
        await servers.Source.ExecuteAsync(
            $"CREATE TABLE `{_schema}`.`ints` (id INT PRIMARY KEY, v VARCHAR(20)); " +
            $"INSERT INTO `{_schema}`.`ints` SELECT seq, CONCAT('row ', seq) FROM `{_schema}`.seq_1_to_10000; " +
            $"INSERT INTO `{_schema}`.`ints` VALUES (-50, 'negative'), (2000000, 'far'); " +
            $"ANALYZE TABLE `{_schema}`.`ints`",
            TestContext.Current.CancellationToken);

        var manifest = await Dump(new DumpOptions { Threads = 3, ChunkRows = 1000 }, "ints");

        var table = DumpTestSource.Table(manifest, _schema, "ints");
        Assert.Equal(["id"], table.ChunkKey);
        Assert.InRange(table.Chunks.Count, 5, 30);
        Assert.Equal(Enumerable.Range(0, table.Chunks.Count), table.Chunks.Select(c => c.Index));
        Assert.All(table.Chunks, c => Assert.True(File.Exists(Path.Combine(_directory, c.File))));
        Assert.Equal(10_002, table.Rows);

        // Each chunk is a range of ids and no id is in two chunks.
        var ids = new List<long>();
        long previousMax = long.MinValue;
        foreach (var chunk in table.Chunks)
        {
            var chunkIds = DataFileParser.ParseFile(Path.Combine(_directory, chunk.File)).Select(r => DumpTestSource.Integer(r[0])).ToList();
            if (chunkIds.Count == 0)
                continue;
            Assert.True(chunkIds.Min() > previousMax, $"chunk {chunk.Index} overlaps the one before");
            previousMax = chunkIds.Max();
            ids.AddRange(chunkIds);
        }

        Assert.Equal(new long[] { -50 }.Concat(Enumerable.Range(1, 10_000).Select(i => (long)i)).Append(2_000_000), ids.Order());
        Assert.DoesNotContain(">=", table.Chunks[0].Where, StringComparison.Ordinal);
        Assert.DoesNotContain("<", table.Chunks[^1].Where, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsigned_bigint_keys_at_the_ends_of_the_range_are_all_dumped()
    {
        await servers.Source.ExecuteAsync(
            $"CREATE TABLE `{_schema}`.`wide` (id BIGINT UNSIGNED PRIMARY KEY); " +
            $"INSERT INTO `{_schema}`.`wide` VALUES (0), (1), (9223372036854775808), (18446744073709551615)",
            TestContext.Current.CancellationToken);

        var manifest = await Dump(new DumpOptions { Threads = 2, ChunkRows = 1 }, "wide");

        var table = DumpTestSource.Table(manifest, _schema, "wide");
        Assert.True(table.Chunks.Count > 1);
        var ids = DumpTestSource.ReadRows(_directory, table).Select(r => Encoding.ASCII.GetString(r[0]!)).Order(StringComparer.Ordinal);
        Assert.Equal(["0", "1", "18446744073709551615", "9223372036854775808"], ids);
    }

    [Fact]
    public async Task A_composite_key_is_paged_in_collation_order()
    {
        // latin1_swedish_ci orders a < B < c < Ä, which byte order would not: a comparison in the wrong
        // collation would skip or repeat rows at page boundaries.
        await servers.Source.ExecuteAsync(
            $"CREATE TABLE `{_schema}`.`pairs` (a INT NOT NULL, b VARCHAR(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci NOT NULL, v INT, PRIMARY KEY (a, b))",
            TestContext.Current.CancellationToken);
        await using (var connection = await DumpTestSource.OpenAsync(servers.Source))
        {
            string[] letters = ["a", "B", "c", "Ä", "z", "é"];
            var values = new List<string>();
            for (var i = 0; i < 900; i++)
                values.Add($"({i % 150}, '{letters[i / 150]}{i % 7}', {i})");
            await DumpTestSource.ExecuteAsync(connection, $"INSERT INTO `{_schema}`.`pairs` VALUES {string.Join(", ", values)}");
        }

        // 250 rows a page ends pages inside a run of equal a, where only b's comparison decides.
        var manifest = await Dump(new DumpOptions { Threads = 2, ChunkRows = 250 }, "pairs");

        var table = DumpTestSource.Table(manifest, _schema, "pairs");
        Assert.Equal(["a", "b"], table.ChunkKey);
        Assert.Equal([250L, 250L, 250L, 150L], table.Chunks.Select(c => c.Rows));
        await using var check = await DumpTestSource.OpenAsync(servers.Source);
        var expected = await DumpTestSource.SelectBytesAsync(check, $"SELECT CAST(a AS BINARY), CAST(b AS BINARY), CAST(v AS BINARY) FROM `{_schema}`.`pairs` ORDER BY a, b");
        var dumped = DumpTestSource.ReadRows(_directory, table);
        Assert.Equal(expected.Select(Show), dumped.Select(Show));
    }

    [Fact]
    public async Task Keys_of_dates_decimals_and_bytes_are_paged_exactly()
    {
        await servers.Source.ExecuteAsync(
            $"CREATE TABLE `{_schema}`.`typed` (d DATE NOT NULL, x DECIMAL(10,2) NOT NULL, s VARBINARY(8) NOT NULL, PRIMARY KEY (d, x, s))",
            TestContext.Current.CancellationToken);
        await using (var connection = await DumpTestSource.OpenAsync(servers.Source))
        {
            await DumpTestSource.ExecuteAsync(
                connection,
                $"INSERT INTO `{_schema}`.`typed` SELECT ELT(1 + seq % 3, '0000-00-00', '1999-12-31', '2024-02-29'), (seq % 5) - 2.5, UNHEX(HEX(seq % 4)) FROM `{_schema}`.seq_1_to_60");
        }

        var manifest = await Dump(new DumpOptions { Threads = 1, ChunkRows = 7 }, "typed");

        var table = DumpTestSource.Table(manifest, _schema, "typed");
        Assert.Equal(["d", "x", "s"], table.ChunkKey);
        await using var check = await DumpTestSource.OpenAsync(servers.Source);
        var expected = await DumpTestSource.SelectBytesAsync(check, $"SELECT CAST(d AS BINARY), CAST(x AS BINARY), s FROM `{_schema}`.`typed` ORDER BY d, x, s");
        Assert.Equal(expected.Select(Show), DumpTestSource.ReadRows(_directory, table).Select(Show));
        Assert.Equal((expected.Count + 6) / 7, table.Chunks.Count);
    }

    [Fact]
    public async Task A_table_without_a_usable_key_is_one_chunk_with_a_warning()
    {
        await servers.Source.ExecuteAsync(
            $"CREATE TABLE `{_schema}`.`heap` (v INT NULL, UNIQUE KEY (v)); " +
            $"INSERT INTO `{_schema}`.`heap` SELECT seq FROM `{_schema}`.seq_1_to_2500; INSERT INTO `{_schema}`.`heap` VALUES (NULL), (NULL)",
            TestContext.Current.CancellationToken);
        var progress = new ProgressLog();

        var manifest = await Dump(new DumpOptions { Threads = 2, ChunkRows = 100 }, progress, "heap");

        var table = DumpTestSource.Table(manifest, _schema, "heap");
        Assert.Empty(table.ChunkKey);
        var chunk = Assert.Single(table.Chunks);
        Assert.Equal(2502, chunk.Rows);
        Assert.Equal(2502, DumpTestSource.ReadRows(_directory, table).Count);
        Assert.Contains(progress.Reports[^1].Warnings, w => w.Contains($"`{_schema}`.`heap`", StringComparison.Ordinal) && w.Contains("no primary key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_table_has_its_schema_file_and_one_empty_chunk()
    {
        await servers.Source.ExecuteAsync(
            $"CREATE TABLE `{_schema}`.`empty_int` (id INT PRIMARY KEY); " +
            $"CREATE TABLE `{_schema}`.`empty_pair` (a INT, b INT, PRIMARY KEY (a, b)); " +
            $"CREATE TABLE `{_schema}`.`empty_heap` (v INT)",
            TestContext.Current.CancellationToken);

        var manifest = await Dump(new DumpOptions { Threads = 2 }, "empty_int", "empty_pair", "empty_heap");

        foreach (var name in new[] { "empty_int", "empty_pair", "empty_heap" })
        {
            var table = DumpTestSource.Table(manifest, _schema, name);
            var schemaFile = File.ReadAllText(Path.Combine(_directory, table.SchemaFile));
            Assert.StartsWith($"CREATE TABLE `{name}`", schemaFile, StringComparison.Ordinal);
            var chunk = Assert.Single(table.Chunks);
            Assert.Equal(0, chunk.Index);
            Assert.Equal(0, chunk.Rows);
            Assert.Equal(0, new FileInfo(Path.Combine(_directory, chunk.File)).Length);
        }
    }

    private Task<DumpManifest> Dump(DumpOptions options, params string[] tables) => Dump(options, null, tables);

    private Task<DumpManifest> Dump(DumpOptions options, IProgress<DumpProgress>? progress, params string[] tables) =>
        new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source, options),
            DumpTestSource.Tables(_schema, tables),
            _directory,
            progress,
            TestContext.Current.CancellationToken);

    private static string Show(byte[]?[] row) => string.Join("|", row.Select(v => v is null ? "NULL" : Convert.ToHexString(v)));
}
