using System.Globalization;
using Sluice.Migration.Load;
using Sluice.Testing;
using static Sluice.Migration.Tests.Load.DataFile;

namespace Sluice.Migration.Tests.Load;

/// <summary>A stopped load resumes from its checkpoint: every row lands exactly once.</summary>
public sealed class ResumeTests(MariaDbServers servers)
{
    private const int ChunksPerTable = 5;
    private const int RowsPerChunk = 200;

    [Fact]
    public async Task A_load_cancelled_after_some_chunks_resumes_with_every_row_exactly_once()
    {
        using var dump = Dump("ld_resume");
        var directory = dump.Finish();
        // on-duplicate error: a chunk loaded twice would stop the resumed load.
        var task = LoadKit.Task(servers.Target, "ld_resume", dump.SourceId, OnDuplicate.Error, threads: 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var reports = new List<LoadProgress>();
        var progress = new LoadKit.SyncProgress(p =>
        {
            reports.Add(p);
            if (p.FinishedChunks == 3)
                stop.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => LoadKit.LoadAsync(task, dump.SourceId, directory, _ => "ld_resume", progress, cancellationToken: stop.Token));

        Assert.False(await Loader.IsFinishedAsync(task, dump.SourceId, TestContext.Current.CancellationToken));
        var loaded = await LoadKit.CountAsync(servers.Target,
            "SELECT COUNT(*) FROM ld_resume_meta.ld_resume_loader_checkpoint WHERE `offset` = `end_pos` AND filename LIKE '%.dat'");
        Assert.Equal(3, loaded);
        Assert.Equal(3 * RowsPerChunk, await RowCountAsync("ld_resume"));
        Assert.Equal(3, reports[^1].FinishedChunks);
        // The secondary keys wait for the data.
        Assert.Equal(0, await KeyCountAsync("ld_resume"));
        Assert.Equal(2 * ChunksPerTable, reports[^1].TotalChunks);

        reports.Clear();
        await LoadKit.LoadAsync(task, dump.SourceId, directory, _ => "ld_resume", new LoadKit.SyncProgress(reports.Add));

        Assert.True(await Loader.IsFinishedAsync(task, dump.SourceId, TestContext.Current.CancellationToken));
        Assert.Equal(2 * ChunksPerTable * RowsPerChunk, await RowCountAsync("ld_resume"));
        var last = reports[^1];
        Assert.Equal((2, 2, 10, 10, 2000L, 2000L, 100.0), (last.TotalTables, last.FinishedTables, last.TotalChunks, last.FinishedChunks, last.TotalRows, last.Rows, last.Percent));
        Assert.Equal(last.TotalBytes, last.Bytes);
        Assert.Equal(2, await KeyCountAsync("ld_resume"));

        // The same dump loaded in one go elsewhere gives the same tables.
        var reference = LoadKit.Task(servers.Target, "ld_resume_ref", dump.SourceId);
        await LoadKit.LoadAsync(reference, dump.SourceId, directory, _ => "ld_resume_ref");
        foreach (var table in new[] { "a", "b" })
        {
            Assert.Equal(await ChecksumAsync("ld_resume_ref", table), await ChecksumAsync("ld_resume", table));
            Assert.Equal(
                (await LoadKit.RowsAsync(servers.Target, $"SHOW CREATE TABLE ld_resume_ref.{table}"))[0].Split('|')[1],
                (await LoadKit.RowsAsync(servers.Target, $"SHOW CREATE TABLE ld_resume.{table}"))[0].Split('|')[1]);
            Assert.Equal(
                await LoadKit.RowsAsync(servers.Target, $"SELECT * FROM ld_resume_ref.{table} ORDER BY id"),
                await LoadKit.RowsAsync(servers.Target, $"SELECT * FROM ld_resume.{table} ORDER BY id"));
        }

        // A finished load run again changes nothing (and does not trip on its own rows).
        await LoadKit.LoadAsync(task, dump.SourceId, directory, _ => "ld_resume");
        Assert.Equal(2 * ChunksPerTable * RowsPerChunk, await RowCountAsync("ld_resume"));
    }

    [Fact]
    public async Task Chunks_recorded_as_loaded_are_skipped()
    {
        using var dump = Dump("ld_skip");
        var directory = dump.Finish();
        var task = LoadKit.Task(servers.Target, "ld_skip", dump.SourceId);
        var size = new FileInfo(Path.Combine(directory, "ld_skip_src.a.00002.dat")).Length;
        await servers.Target.ExecuteAsync(
            "CREATE DATABASE ld_skip_meta; CREATE TABLE ld_skip_meta.ld_skip_loader_checkpoint (id varchar(128) NOT NULL, filename varchar(512) NOT NULL, " +
            "cp_schema varchar(128) NOT NULL, cp_table varchar(128) NOT NULL, `offset` bigint NOT NULL, end_pos bigint NOT NULL, " +
            "create_time timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, update_time timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, UNIQUE KEY uk_id_f (id, filename)); " +
            $"INSERT INTO ld_skip_meta.ld_skip_loader_checkpoint (id, filename, cp_schema, cp_table, `offset`, end_pos) VALUES ('{dump.SourceId}', 'ld_skip_src.a.00002.dat', 'ld_skip_src', 'a', {size}, {size})",
            TestContext.Current.CancellationToken);

        await LoadKit.LoadAsync(task, dump.SourceId, directory, _ => "ld_skip");

        // Chunk 2 of a (ids 400..599) counts as loaded, so its rows are not there.
        Assert.Equal((ChunksPerTable - 1) * RowsPerChunk, await LoadKit.CountAsync(servers.Target, "SELECT COUNT(*) FROM ld_skip.a"));
        Assert.Equal(0, await LoadKit.CountAsync(servers.Target, "SELECT COUNT(*) FROM ld_skip.a WHERE id BETWEEN 400 AND 599"));
        Assert.True(await Loader.IsFinishedAsync(task, dump.SourceId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_checkpoint_of_another_dump_stops_the_load()
    {
        using var dump = Dump("ld_other");
        var directory = dump.Finish();
        var task = LoadKit.Task(servers.Target, "ld_other", dump.SourceId);
        await LoadKit.LoadAsync(task, dump.SourceId, directory, _ => "ld_other");
        await servers.Target.ExecuteAsync(
            $"UPDATE ld_other_meta.ld_other_loader_checkpoint SET `offset` = 0, end_pos = 1 WHERE filename = 'ld_other_src.b.00001.dat'",
            TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<MigrationException>(() => LoadKit.LoadAsync(task, dump.SourceId, directory, _ => "ld_other"));
        Assert.Contains("ld_other_src.b.00001.dat had 1 bytes", error.Message, StringComparison.Ordinal);

        await Loader.ClearCheckpointAsync(task, dump.SourceId, TestContext.Current.CancellationToken);
        Assert.False(await Loader.IsFinishedAsync(task, dump.SourceId, TestContext.Current.CancellationToken));
        await LoadKit.LoadAsync(task, dump.SourceId, directory, _ => "ld_other");
        Assert.Equal(2 * ChunksPerTable * RowsPerChunk, await RowCountAsync("ld_other"));
    }

    [Fact]
    public async Task Keys_already_in_the_target_when_their_checkpoint_did_not_move_are_not_added_again()
    {
        using var dump = Dump("ld_keys");
        var directory = dump.Finish();
        var task = LoadKit.Task(servers.Target, "ld_keys", dump.SourceId);
        await LoadKit.LoadAsync(task, dump.SourceId, directory, _ => "ld_keys");
        Assert.Equal(2, await KeyCountAsync("ld_keys"));
        await servers.Target.ExecuteAsync(
            "UPDATE ld_keys_meta.ld_keys_loader_checkpoint SET `offset` = 0 WHERE filename IN ('ld_keys_src.a-schema.sql', 'sluice-dump.json')",
            TestContext.Current.CancellationToken);

        await LoadKit.LoadAsync(task, dump.SourceId, directory, _ => "ld_keys");

        Assert.Equal(2, await KeyCountAsync("ld_keys"));
        Assert.True(await Loader.IsFinishedAsync(task, dump.SourceId, TestContext.Current.CancellationToken));
        Assert.Equal(0, await LoadKit.CountAsync(servers.Target, "SELECT COUNT(*) FROM ld_keys_meta.ld_keys_loader_checkpoint WHERE `offset` <> end_pos"));
    }

    private async Task<long> KeyCountAsync(string schema) =>
        await LoadKit.CountAsync(servers.Target,
            $"SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '{schema}' AND INDEX_NAME = 'k'");

    private static DumpBuilder Dump(string name)
    {
        var dump = new DumpBuilder(name + "-src").Schema(name + "_src");
        foreach (var table in new[] { "a", "b" })
        {
            var chunks = Enumerable.Range(0, ChunksPerTable).Select(c => (IReadOnlyList<IReadOnlyList<byte[]?>>)Enumerable.Range(c * RowsPerChunk, RowsPerChunk)
                .Select(id => (IReadOnlyList<byte[]?>)[T(id.ToString(CultureInfo.InvariantCulture)), T($"{table}-{id}\t\\"), id % 7 == 0 ? null : T((id * 31 % 1000).ToString(CultureInfo.InvariantCulture))])
                .ToList()).ToArray();
            dump.Table(name + "_src", table,
                $"CREATE TABLE `{table}` (\n  `id` int(11) NOT NULL,\n  `v` varchar(40) NOT NULL,\n  `k` int(11) DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `k` (`k`)\n) ENGINE=InnoDB",
                ["id", "v", "k"], chunks);
        }

        return dump;
    }

    private async Task<long> RowCountAsync(string schema) =>
        await LoadKit.CountAsync(servers.Target, $"SELECT (SELECT COUNT(*) FROM {schema}.a) + (SELECT COUNT(*) FROM {schema}.b)");

    private async Task<string> ChecksumAsync(string schema, string table) =>
        (await LoadKit.RowsAsync(servers.Target, $"CHECKSUM TABLE {schema}.{table}"))[0].Split('|')[1];
}
