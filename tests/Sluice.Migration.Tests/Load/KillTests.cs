using System.Globalization;
using MySqlConnector;
using Sluice.Migration.Load;
using Sluice.Testing;
using static Sluice.Migration.Tests.Load.DataFile;

namespace Sluice.Migration.Tests.Load;

/// <summary>
/// A chunk's rows and its checkpoint commit together: a connection killed in the middle of LOAD DATA, with rows
/// of the chunk already written, leaves neither, and the next run loads the chunk whole.
/// </summary>
public sealed class KillTests(MariaDbServers servers)
{
    private const int Rows = 20_000;

    [Fact]
    public async Task A_chunk_whose_connection_is_killed_mid_load_is_rolled_back_and_loaded_again()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var dump = new DumpBuilder("kill-src").Schema("ld_kill_src").Table("ld_kill_src", "t",
            "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `v` varchar(100) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB",
            ["id", "v"],
            Enumerable.Range(0, Rows).Select(i => (IReadOnlyList<byte[]?>)[T(i.ToString(CultureInfo.InvariantCulture)), T(new string('x', 40) + i)]).ToList());
        var directory = dump.Finish();
        var task = LoadKit.Task(servers.Target, "ld_kill", dump.SourceId, OnDuplicate.Error, threads: 1);
        GateStream? gate = null;
        var loader = new Loader(path => gate = new GateStream(File.OpenRead(path), passBytes: 256 * 1024));

        var load = LoadKit.LoadAsync(task, dump.SourceId, directory, _ => "ld_kill", loader: loader);
        while (gate is null)
            await Task.Delay(20, cancellationToken);
        await gate.Reached.WaitAsync(cancellationToken);

        // Rows of the chunk are in the table, uncommitted, while the server waits for the rest of the file.
        await using (var observer = await servers.Target.OpenConnectionAsync(cancellationToken))
        {
            await using (var isolation = new MySqlCommand("SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED", observer))
                await isolation.ExecuteNonQueryAsync(cancellationToken);
            long dirty = 0;
            while (dirty == 0)
            {
                await using var count = new MySqlCommand("SELECT COUNT(*) FROM ld_kill.t", observer);
                dirty = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                if (dirty == 0)
                    await Task.Delay(20, cancellationToken);
            }

            Assert.InRange(dirty, 1, Rows - 1);
            await using var find = new MySqlCommand(
                "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'LOAD DATA%' AND INFO LIKE '%`ld_kill`.`t`%'", observer);
            var id = Convert.ToInt64(await find.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            await using var kill = new MySqlCommand($"KILL {id}", observer);
            await kill.ExecuteNonQueryAsync(cancellationToken);
        }

        gate.Release();
        var error = await Assert.ThrowsAsync<MigrationException>(() => load);
        Assert.Contains("loading ld_kill_src.t.00000.dat into `ld_kill`.`t`", error.Message, StringComparison.Ordinal);

        Assert.Equal(0, await LoadKit.CountAsync(servers.Target, "SELECT COUNT(*) FROM ld_kill.t"));
        Assert.Equal(["0"], await LoadKit.RowsAsync(servers.Target,
            "SELECT `offset` FROM ld_kill_meta.ld_kill_loader_checkpoint WHERE filename = 'ld_kill_src.t.00000.dat'"));
        Assert.False(await Loader.IsFinishedAsync(task, dump.SourceId, cancellationToken));

        // on-duplicate error: a single leftover row of the killed attempt would stop this run.
        await LoadKit.LoadAsync(task, dump.SourceId, directory, _ => "ld_kill");

        Assert.Equal([$"{Rows}|{Rows}|0|{Rows - 1}"], await LoadKit.RowsAsync(servers.Target, "SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id) FROM ld_kill.t"));
        Assert.True(await Loader.IsFinishedAsync(task, dump.SourceId, cancellationToken));
    }

    [Fact]
    public async Task A_connection_killed_after_load_data_but_before_commit_leaves_neither_rows_nor_checkpoint()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var dump = new DumpBuilder("killcp-src").Schema("ld_killcp_src").Table("ld_killcp_src", "t",
            "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB",
            ["id"],
            Enumerable.Range(0, 1000).Select(i => (IReadOnlyList<byte[]?>)[T(i.ToString(CultureInfo.InvariantCulture))]).ToList());
        var directory = dump.Finish();
        var task = LoadKit.Task(servers.Target, "ld_killcp", dump.SourceId, OnDuplicate.Error, threads: 1);
        var size = new FileInfo(Path.Combine(directory, "ld_killcp_src.t.00000.dat")).Length;
        await servers.Target.ExecuteAsync(
            "CREATE DATABASE ld_killcp_meta; CREATE TABLE ld_killcp_meta.ld_killcp_loader_checkpoint (id varchar(128) NOT NULL, filename varchar(512) NOT NULL, " +
            "cp_schema varchar(128) NOT NULL, cp_table varchar(128) NOT NULL, `offset` bigint NOT NULL, end_pos bigint NOT NULL, " +
            "create_time timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, update_time timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, UNIQUE KEY uk_id_f (id, filename)); " +
            $"INSERT INTO ld_killcp_meta.ld_killcp_loader_checkpoint (id, filename, cp_schema, cp_table, `offset`, end_pos) VALUES ('{dump.SourceId}', 'ld_killcp_src.t.00000.dat', 'ld_killcp_src', 't', 0, {size})",
            cancellationToken);

        Task load;
        await using (var observer = await servers.Target.OpenConnectionAsync(cancellationToken))
        {
            // Hold the chunk's checkpoint row: the loader's transaction gets through LOAD DATA and waits on it.
            await using var transaction = await observer.BeginTransactionAsync(System.Data.IsolationLevel.ReadUncommitted, cancellationToken);
            await using (var hold = new MySqlCommand(
                "SELECT * FROM ld_killcp_meta.ld_killcp_loader_checkpoint WHERE id = @id AND filename = 'ld_killcp_src.t.00000.dat' FOR UPDATE", observer, transaction))
            {
                hold.Parameters.AddWithValue("@id", dump.SourceId);
                await hold.ExecuteNonQueryAsync(cancellationToken);
            }

            load = LoadKit.LoadAsync(task, dump.SourceId, directory, _ => "ld_killcp");
            long id = 0;
            while (id == 0)
            {
                await using var find = new MySqlCommand(
                    "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE %ld_killcp_loader_checkpoint%'", observer, transaction);
                id = Convert.ToInt64(await find.ExecuteScalarAsync(cancellationToken) ?? 0L, CultureInfo.InvariantCulture);
                if (id == 0)
                    await Task.Delay(20, cancellationToken);
            }

            // Every row of the chunk is written, uncommitted, when the connection dies.
            await using (var count = new MySqlCommand("SELECT COUNT(*) FROM ld_killcp.t", observer, transaction))
                Assert.Equal(1000L, Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture));
            await using (var kill = new MySqlCommand($"KILL {id}", observer, transaction))
                await kill.ExecuteNonQueryAsync(cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
        }

        var error = await Assert.ThrowsAsync<MigrationException>(() => load);
        Assert.Contains("loading ld_killcp_src.t.00000.dat into `ld_killcp`.`t`", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await LoadKit.CountAsync(servers.Target, "SELECT COUNT(*) FROM ld_killcp.t"));
        Assert.Equal(["0"], await LoadKit.RowsAsync(servers.Target,
            "SELECT `offset` FROM ld_killcp_meta.ld_killcp_loader_checkpoint WHERE filename = 'ld_killcp_src.t.00000.dat'"));

        await LoadKit.LoadAsync(task, dump.SourceId, directory, _ => "ld_killcp");

        Assert.Equal(["1000|1000"], await LoadKit.RowsAsync(servers.Target, "SELECT COUNT(*), COUNT(DISTINCT id) FROM ld_killcp.t"));
        Assert.True(await Loader.IsFinishedAsync(task, dump.SourceId, cancellationToken));
    }

    /// <summary>Passes the first bytes of a file through, then blocks reads until released.</summary>
    private sealed class GateStream(Stream inner, long passBytes) : Stream
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _passed;

        public Task Reached => _reached.Task;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => _passed; set => throw new NotSupportedException(); }

        public void Release() => _released.TrySetResult();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_passed >= passBytes)
            {
                _reached.TrySetResult();
                await _released.Task.WaitAsync(cancellationToken);
            }
            else
            {
                buffer = buffer[..(int)Math.Min(buffer.Length, passBytes - _passed)];
            }

            var read = await inner.ReadAsync(buffer, cancellationToken);
            _passed += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
