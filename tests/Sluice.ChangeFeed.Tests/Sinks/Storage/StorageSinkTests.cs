using Sluice.ChangeFeed.Sinks.Storage;
using static Sluice.ChangeFeed.Tests.Sinks.Storage.StorageFixtures;

namespace Sluice.ChangeFeed.Tests.Sinks.Storage;

public sealed class StorageSinkTests
{
    [Theory]
    [InlineData(StorageDateSeparator.None, "")]
    [InlineData(StorageDateSeparator.Year, "2026")]
    [InlineData(StorageDateSeparator.Month, "2026-01")]
    [InlineData(StorageDateSeparator.Day, "2026-01-02")]
    public async Task The_date_separator_names_the_directory_after_the_commit_date(StorageDateSeparator separator, string date)
    {
        using var tree = new StorageTree();
        await using (var sink = new StorageSink(Options(tree.Root) with { DateSeparator = separator }, new LineEncoder()))
        {
            await sink.WriteRowsAsync(Chunk(Insert(T1, C1, 1L, "a")), default);
            await sink.FlushAsync(C1, default);
        }

        Assert.Equal(
            new[] { IndexFile(T1, date), DataFile(T1, date, 1), "metadata", $"test/t1/meta/schema_{V1.Value}_0483416658.json" }.Order(StringComparer.Ordinal),
            tree.Read().Keys);
    }

    [Fact]
    public async Task The_index_width_and_the_protocol_shape_the_file_name()
    {
        using var tree = new StorageTree();
        var options = Options(tree.Root) with { FileIndexWidth = 6, Protocol = "canal-json", DateSeparator = StorageDateSeparator.None, Terminator = "\n" };
        await using (var sink = new StorageSink(options, new LineEncoder()))
        {
            await sink.WriteRowsAsync(Chunk(Insert(T1, C1, 1L, "a")), default);
            await sink.FlushAsync(C1, default);
        }

        Assert.Equal("I,1,a\n", tree.Text($"test/t1/{V1.Value}/CDC000001.json"));
        Assert.Equal("CDC000001.json\n", tree.Text($"test/t1/{V1.Value}/meta/CDC.index"));
    }

    [Fact]
    public async Task Rows_that_pass_the_file_size_close_the_file_at_once_and_the_next_rows_start_the_next_index()
    {
        using var tree = new StorageTree();
        await using var sink = new StorageSink(Options(tree.Root) with { FileSize = 20 }, new LineEncoder());

        // "I,1,aaaaa\r\n" is 11 bytes: the second row passes 20.
        await sink.WriteRowsAsync(Chunk(Insert(T1, C1, 1L, "aaaaa"), Insert(T1, C1, 2L, "bbbbb"), Insert(T1, C1, 3L, "ccccc")), default);

        Assert.Equal("I,1,aaaaa\r\nI,2,bbbbb\r\n", tree.Text(DataFile(T1, "2026-01-02", 1)));
        Assert.Equal($"CDC{1:D20}.csv\n", tree.Text(IndexFile(T1, "2026-01-02")));
        Assert.False(tree.Exists(DataFile(T1, "2026-01-02", 2)));
        Assert.False(tree.Exists("metadata"));

        await sink.FlushAsync(C1, default);

        Assert.Equal("I,3,ccccc\r\n", tree.Text(DataFile(T1, "2026-01-02", 2)));
        Assert.Equal($"CDC{2:D20}.csv\n", tree.Text(IndexFile(T1, "2026-01-02")));
        Assert.Equal("I,1,aaaaa\r\nI,2,bbbbb\r\n", tree.Text(DataFile(T1, "2026-01-02", 1)));
    }

    [Fact]
    public async Task Metadata_carries_the_checkpoint_of_the_last_flush_and_only_after_the_data_files()
    {
        using var tree = new StorageTree();
        await using var sink = new StorageSink(Options(tree.Root), new LineEncoder());

        await sink.WriteRowsAsync(Chunk(Insert(T1, C1, 1L, "a")), default);
        Assert.False(tree.Exists("metadata"));
        Assert.False(tree.Exists(DataFile(T1, "2026-01-02", 1)));

        await sink.FlushAsync(C1, default);
        Assert.Equal($"{{\"checkpoint-ts\":{C1.Value}}}", tree.Text("metadata"));
        Assert.Equal("I,1,a\r\n", tree.Text(DataFile(T1, "2026-01-02", 1)));

        await sink.FlushAsync(C2, default);
        Assert.Equal($"{{\"checkpoint-ts\":{C2.Value}}}", tree.Text("metadata"));
        Assert.False(tree.Exists(DataFile(T1, "2026-01-02", 2)));
        Assert.DoesNotContain(tree.Read().Keys, k => k.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_flush_interval_timer_writes_pending_rows_without_moving_the_checkpoint()
    {
        using var tree = new StorageTree();
        var clock = new ManualTimeProvider();
        await using var sink = new StorageSink(Options(tree.Root), new LineEncoder(), clock);

        await sink.WriteRowsAsync(Chunk(Insert(T1, C1, 1L, "a")), default);
        clock.Fire();
        await sink.TimedWrite;

        Assert.Equal("I,1,a\r\n", tree.Text(DataFile(T1, "2026-01-02", 1)));
        Assert.False(tree.Exists("metadata"));

        clock.Fire();
        await sink.TimedWrite;
        Assert.False(tree.Exists(DataFile(T1, "2026-01-02", 2)));
    }

    [Fact]
    public async Task A_failed_timed_write_is_reported_by_the_next_call()
    {
        using var tree = new StorageTree();
        var clock = new ManualTimeProvider();
        await using var sink = new StorageSink(Options(tree.Root), new LineEncoder(), clock);
        await sink.WriteRowsAsync(Chunk(Insert(T1, C1, 1L, "a")), default);

        // A file where the index file's directory must go.
        tree.Write($"test/t1/{V1.Value}/2026-01-02/meta", "in the way");
        clock.Fire();
        await sink.TimedWrite;

        var error = await Assert.ThrowsAsync<ChangefeedException>(async () => await sink.FlushAsync(C1, default));
        Assert.Equal("CDC:ErrExternalStorageAPI", error.Code);
        Assert.False(tree.Exists("metadata"));
    }

    [Fact]
    public async Task A_restarted_sink_continues_after_the_last_data_file_and_never_overwrites_one()
    {
        using var tree = new StorageTree();
        await using (var first = new StorageSink(Options(tree.Root), new LineEncoder()))
        {
            await first.WriteRowsAsync(Chunk(Insert(T1, C1, 1L, "a")), default);
            await first.FlushAsync(C1, default);

            // Never flushed: the checkpoint stays at C1, so these rows are read again after the restart.
            await first.WriteRowsAsync(Chunk(Insert(T1, C2, 2L, "b")), default);
        }

        await using (var second = new StorageSink(Options(tree.Root), new LineEncoder()))
        {
            await second.WriteRowsAsync(Chunk(Insert(T1, C2, 2L, "b")), default);
            await second.FlushAsync(C2, default);
        }

        Assert.Equal("I,1,a\r\n", tree.Text(DataFile(T1, "2026-01-02", 1)));
        Assert.Equal("I,2,b\r\n", tree.Text(DataFile(T1, "2026-01-02", 2)));
        Assert.Equal($"CDC{2:D20}.csv\n", tree.Text(IndexFile(T1, "2026-01-02")));
        Assert.Single(tree.Read().Keys, k => k.Contains("/meta/schema_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restart_at_a_new_table_version_of_the_same_structure_keeps_the_directory_as_ticdc_does()
    {
        using var tree = new StorageTree();
        await using (var first = new StorageSink(Options(tree.Root), new LineEncoder()))
        {
            await first.WriteRowsAsync(Chunk(Insert(T1, C1, 1L, "a")), default);
            await first.FlushAsync(C1, default);
        }

        // The restarted changefeed finds the table at its new start TSO.
        var restarted = new Sluice.ChangeFeed.Model.ChangeTable("test", "t1", [Id, Name], C1);
        await using (var second = new StorageSink(Options(tree.Root), new LineEncoder()))
        {
            await second.WriteRowsAsync(Chunk(Insert(restarted, C2, 2L, "b")), default);
            await second.FlushAsync(C2, default);
        }

        Assert.Equal("I,2,b\r\n", tree.Text(DataFile(T1, "2026-01-02", 2)));
        Assert.DoesNotContain(tree.Read().Keys, k => k.StartsWith($"test/t1/{C1.Value}/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_index_naming_a_file_that_was_never_written_is_reused()
    {
        using var tree = new StorageTree();

        // A sink stopped between writing the index file and the data file it names.
        tree.Write(DataFile(T1, "2026-01-02", 1), "I,1,a\r\n");
        tree.Write(IndexFile(T1, "2026-01-02"), $"CDC{2:D20}.csv\n");
        tree.Write($"test/t1/meta/schema_{V1.Value}_0483416658.json", "{}");

        await using (var sink = new StorageSink(Options(tree.Root), new LineEncoder()))
        {
            await sink.WriteRowsAsync(Chunk(Insert(T1, C2, 2L, "b")), default);
            await sink.FlushAsync(C2, default);
        }

        Assert.Equal("I,1,a\r\n", tree.Text(DataFile(T1, "2026-01-02", 1)));
        Assert.Equal("I,2,b\r\n", tree.Text(DataFile(T1, "2026-01-02", 2)));
        Assert.False(tree.Exists(DataFile(T1, "2026-01-02", 3)));
    }

    [Fact]
    public async Task A_data_file_the_index_does_not_know_is_passed_over()
    {
        using var tree = new StorageTree();
        tree.Write(DataFile(T1, "2026-01-02", 1), "I,1,a\r\n");
        tree.Write(DataFile(T1, "2026-01-02", 2), "I,9,z\r\n");
        tree.Write(IndexFile(T1, "2026-01-02"), $"CDC{1:D20}.csv\n");

        await using (var sink = new StorageSink(Options(tree.Root), new LineEncoder()))
        {
            await sink.WriteRowsAsync(Chunk(Insert(T1, C2, 2L, "b")), default);
            await sink.FlushAsync(C2, default);
        }

        Assert.Equal("I,9,z\r\n", tree.Text(DataFile(T1, "2026-01-02", 2)));
        Assert.Equal("I,2,b\r\n", tree.Text(DataFile(T1, "2026-01-02", 3)));
        Assert.Equal($"CDC{3:D20}.csv\n", tree.Text(IndexFile(T1, "2026-01-02")));
    }

    [Fact]
    public async Task A_ddl_writes_the_rows_before_it_first()
    {
        using var tree = new StorageTree();
        await using var sink = new StorageSink(Options(tree.Root), new LineEncoder());

        await sink.WriteRowsAsync(Chunk(Insert(T1, C1, 1L, "a")), default);
        await sink.WriteDdlAsync(AddAgeColumn, default);

        Assert.Equal("I,1,a\r\n", tree.Text(DataFile(T1, "2026-01-02", 1)));
        Assert.True(tree.Exists($"test/t1/meta/schema_{D1.Value}_3266120050.json"));
        Assert.False(tree.Exists("metadata"));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    public async Task A_name_that_would_leave_the_directory_stops_the_sink(string table)
    {
        using var tree = new StorageTree();
        await using var sink = new StorageSink(Options(tree.Root), new LineEncoder());
        var escaping = new Sluice.ChangeFeed.Model.ChangeTable("test", table, [Id], V1);

        var error = await Assert.ThrowsAsync<ChangefeedException>(async () => await sink.WriteRowsAsync(Chunk(Insert(escaping, C1, 1L)), default));

        Assert.Equal("CDC:ErrStorageSinkInvalidFileName", error.Code);
        Assert.Empty(tree.Read());
    }

    [Fact]
    public void A_root_that_cannot_be_created_is_a_storage_initialize_error()
    {
        using var tree = new StorageTree();
        tree.Write("occupied", "a file, not a directory");

        var error = Assert.Throws<ChangefeedException>(() => new StorageSink(Options(Path.Combine(tree.Root, "occupied", "below")), new LineEncoder()));

        Assert.Equal("CDC:ErrStorageInitialize", error.Code);
        Assert.False(error.IsRetryable);
    }
}
