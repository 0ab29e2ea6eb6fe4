using Sluice.Migration.Dump;
using Sluice.Replication.Filtering;
using Sluice.Testing;

namespace Sluice.Migration.Tests.Dump;

/// <summary>The dump directory's life: files first, metadata and manifest last; unfinished dumps redone; finished ones kept.</summary>
public sealed class DumpDirectoryTests(MariaDbServers servers) : IAsyncLifetime
{
    private readonly string _schema = DumpTestSource.NewSchema("dump.dir");
    private readonly string _directory = DumpTestSource.NewDirectory();

    public async ValueTask InitializeAsync() =>
        await servers.Source.ExecuteAsync(
            $"CREATE DATABASE `{_schema}`; " +
            $"CREATE TABLE `{_schema}`.`t``1` (id INT PRIMARY KEY, v VARCHAR(20)); " +
            $"INSERT INTO `{_schema}`.`t``1` SELECT seq, 'v' FROM `{_schema}`.seq_1_to_5000; " +
            $"CREATE TABLE `{_schema}`.`keyless` (v INT); INSERT INTO `{_schema}`.`keyless` VALUES (1), (2); " +
            $"CREATE VIEW `{_schema}`.`a_view` AS SELECT v FROM `{_schema}`.`keyless`",
            TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await servers.Source.ExecuteAsync($"DROP DATABASE IF EXISTS `{_schema}`");
        DumpTestSource.DeleteDirectory(_directory);
    }

    [Fact]
    public async Task Metadata_and_manifest_are_written_last_and_agree()
    {
        var manifest = await DumpAsync(new Dumper());

        var files = new DirectoryInfo(_directory).GetFiles();
        var metadata = files.Single(f => f.Name == "metadata");
        var manifestFile = files.Single(f => f.Name == DumpManifest.FileName);
        Assert.All(files.Where(f => f.Name is not ("metadata" or DumpManifest.FileName)), f => Assert.True(f.LastWriteTimeUtc <= metadata.LastWriteTimeUtc, $"{f.Name} written after metadata"));
        Assert.True(metadata.LastWriteTimeUtc <= manifestFile.LastWriteTimeUtc);
        Assert.DoesNotContain(files, f => f.Name.EndsWith(".tmp", StringComparison.Ordinal));

        // The names as the format encodes them: a dot in the schema, a backtick in the table.
        var encodedSchema = _schema.Replace(".", "%2E", StringComparison.Ordinal);
        Assert.Contains(files, f => f.Name == $"{encodedSchema}-schema-create.sql");
        Assert.Contains(files, f => f.Name == $"{encodedSchema}.t%601-schema.sql");
        Assert.Contains(files, f => f.Name == $"{encodedSchema}.t%601.00000.dat");
        Assert.StartsWith($"CREATE DATABASE `{_schema}`", File.ReadAllText(Path.Combine(_directory, $"{encodedSchema}-schema-create.sql")), StringComparison.Ordinal);

        var lines = File.ReadAllLines(metadata.FullName);
        Assert.StartsWith("Started dump at: ", lines[0], StringComparison.Ordinal);
        Assert.Equal("SHOW MASTER STATUS:", lines[1]);
        Assert.Equal($"\tLog: {manifest.BinlogName}", lines[2]);
        Assert.Equal($"\tPos: {manifest.BinlogPos}", lines[3]);
        Assert.Equal($"\tGTID:{manifest.BinlogGtid}", lines[4]);
        Assert.Equal(string.Empty, lines[5]);
        Assert.StartsWith("Finished dump at: ", lines[6], StringComparison.Ordinal);

        var (file, position) = await servers.Source.MasterStatusAsync(TestContext.Current.CancellationToken);
        Assert.Equal(file, manifest.BinlogName);
        Assert.True(manifest.BinlogPos <= position);

        var read = DumpTestSource.ReadManifest(_directory);
        Assert.Equal(manifest.SourceId, read.SourceId);
        Assert.Equal(manifest.BinlogGtid, read.BinlogGtid);
        Assert.Equal(manifest.Tables.Select(t => (t.Table, t.Rows, t.Chunks.Count)), read.Tables.Select(t => (t.Table, t.Rows, t.Chunks.Count)));
        Assert.Equal([_schema], read.Schemas.Select(s => s.Schema));
    }

    [Fact]
    public async Task A_cancelled_dump_leaves_no_manifest_and_is_redone_by_the_next_run()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new ProgressLog(p =>
        {
            if (p.Rows > 0)
                cancellation.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source, new DumpOptions { Threads = 1, ChunkRows = 500 }),
            [new TableName(_schema, "t`1")],
            _directory,
            progress,
            cancellation.Token));

        Assert.False(File.Exists(Path.Combine(_directory, DumpManifest.FileName)));
        Assert.False(File.Exists(Path.Combine(_directory, "metadata")));
        var leftOver = Directory.GetFiles(_directory, "*.dat");
        Assert.NotEmpty(leftOver);
        File.WriteAllText(Path.Combine(_directory, "operator-notes.txt"), "kept");

        var manifest = await DumpAsync(new Dumper(), chunkRows: 2500);

        var table = Assert.Single(manifest.Tables);
        Assert.Equal(
            table.Chunks.Select(c => c.File).Order(StringComparer.Ordinal),
            Directory.GetFiles(_directory, "*.dat").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(5000, DumpTestSource.ReadRows(_directory, table).Count);
        Assert.True(File.Exists(Path.Combine(_directory, "operator-notes.txt")));
    }

    [Fact]
    public async Task A_finished_dump_is_replaced_only_when_asked()
    {
        await DumpAsync(new Dumper());

        var kept = await Assert.ThrowsAsync<MigrationException>(() => DumpAsync(new Dumper()));
        Assert.Contains("already holds a finished dump", kept.Message, StringComparison.Ordinal);

        var otherSource = await Assert.ThrowsAsync<MigrationException>(() => DumpAsync(new Dumper { Overwrite = true }, sourceId: "another-source"));
        Assert.Contains("another-source", otherSource.Message, StringComparison.Ordinal);

        var again = await DumpAsync(new Dumper { Overwrite = true });
        Assert.Equal(5000, Assert.Single(again.Tables).Rows);
        Assert.True(File.Exists(Path.Combine(_directory, DumpManifest.FileName)));
    }

    [Fact]
    public async Task An_unknown_table_is_a_migration_error_that_names_it()
    {
        var error = await Assert.ThrowsAsync<MigrationException>(() => new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source),
            [new TableName(_schema, "t`1"), new TableName(_schema, "dropped_meanwhile")],
            _directory,
            null,
            TestContext.Current.CancellationToken));

        Assert.Equal(1146, error.MySqlErrorCode);
        Assert.Contains($"`{_schema}`.`dropped_meanwhile`", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, DumpManifest.FileName)));
    }

    [Fact]
    public async Task A_table_dropped_while_the_dump_runs_is_a_migration_error_that_names_it()
    {
        var dropped = 0;
        var progress = new ProgressLog(p =>
        {
            // Called on the export connection's thread between chunks: the next table is gone before it is read.
            if (p.Rows > 0 && Interlocked.Exchange(ref dropped, 1) == 0)
                servers.Source.ExecuteAsync($"DROP TABLE `{_schema}`.`keyless`").GetAwaiter().GetResult();
        });

        var error = await Assert.ThrowsAsync<MigrationException>(() => new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source, new DumpOptions { Threads = 1 }),
            [new TableName(_schema, "keyless"), new TableName(_schema, "t`1")],
            _directory,
            progress,
            TestContext.Current.CancellationToken));

        Assert.Equal(1146, error.MySqlErrorCode);
        Assert.Contains($"`{_schema}`.`keyless`", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, DumpManifest.FileName)));
    }

    [Fact]
    public async Task A_view_is_refused()
    {
        var error = await Assert.ThrowsAsync<MigrationException>(() => new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source),
            [new TableName(_schema, "a_view")],
            _directory,
            null,
            TestContext.Current.CancellationToken));

        Assert.Contains("VIEW", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_tables_lists_base_tables_the_predicate_accepts()
    {
        var tables = await SourceTables.ListAsync(DumpTestSource.Endpoint(servers.Source), t => t.Schema == _schema, TestContext.Current.CancellationToken);

        Assert.Equal([new TableName(_schema, "keyless"), new TableName(_schema, "t`1")], tables);

        var all = await SourceTables.ListAsync(DumpTestSource.Endpoint(servers.Source), null, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(all, t => SourceTables.SystemSchemas.Contains(t.Schema));
        Assert.Contains(new TableName(_schema, "keyless"), all);
    }

    [Fact]
    public async Task A_predicate_dumps_what_it_accepts()
    {
        var manifest = await new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source),
            t => t.Schema == _schema && t.Table == "keyless",
            _directory,
            null,
            TestContext.Current.CancellationToken);

        var table = Assert.Single(manifest.Tables);
        Assert.Equal(2, table.Rows);
    }

    private Task<DumpManifest> DumpAsync(Dumper dumper, long chunkRows = 0, string sourceId = "mysql-replica-01") =>
        dumper.RunAsync(
            DumpTestSource.Source(servers.Source, new DumpOptions { Threads = 2, ChunkRows = chunkRows }, sourceId),
            [new TableName(_schema, "t`1")],
            _directory,
            null,
            TestContext.Current.CancellationToken);
}
