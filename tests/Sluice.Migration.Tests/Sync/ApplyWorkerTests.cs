using Sluice.Migration.Sync;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Positions;
using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;
using Sluice.Testing;

namespace Sluice.Migration.Tests.Sync;

/// <summary>An apply worker against a real target: a batch is one transaction, whole or not at all.</summary>
public sealed class ApplyWorkerTests(MariaDbServers servers)
{
    private const string Schema = "apply_worker";

    [Fact]
    public async Task A_batch_the_target_refuses_midway_commits_none_of_its_statements()
    {
        await PrepareAsync();
        await servers.Target.ExecuteAsync($"INSERT INTO {Schema}.b VALUES (2, 'already there')");
        var a = Builder("a");
        var b = Builder("b");
        await using var worker = Worker();
        var running = Task.Run(() => worker.RunAsync(CancellationToken.None));

        // Three statements in one batch: a's insert succeeds, b's meets a duplicate key (not retried), a's second
        // insert never runs. Nothing of the batch may be committed, the first insert included.
        await worker.EnqueueAsync(Insert(a, 1), CancellationToken.None);
        await worker.EnqueueAsync(Insert(b, 2), CancellationToken.None);
        await worker.EnqueueAsync(Insert(a, 3), CancellationToken.None);
        worker.Complete();

        var failure = await Assert.ThrowsAsync<MigrationException>(() => running);
        Assert.Equal(1062, failure.MySqlErrorCode);
        Assert.Equal(0L, Convert.ToInt64(await servers.Target.ScalarAsync($"SELECT COUNT(*) FROM {Schema}.a")));
        Assert.Equal(1L, Convert.ToInt64(await servers.Target.ScalarAsync($"SELECT COUNT(*) FROM {Schema}.b")));
    }

    [Fact]
    public async Task A_batch_is_committed_with_the_positions_of_its_exactly_once_tables_and_a_flush_waits_for_it()
    {
        await PrepareAsync();
        var store = new SyncerCheckpointStore(Schema, "apply", "source-1");
        await using (var connection = await servers.Target.OpenConnectionAsync())
        {
            await store.PrepareAsync(connection, CancellationToken.None);
            await store.SaveAsync(connection, null, new SyncLocation(new BinlogPosition("binlog.000007", 4), string.Empty), null, null, CancellationToken.None);
        }

        var a = Builder("a");
        var end = new BinlogPosition("binlog.000007", 4242);
        await using var worker = Worker(store);
        var running = Task.Run(() => worker.RunAsync(CancellationToken.None));

        await worker.EnqueueAsync(Insert(a, 1) with { ExactlyOnce = (new TableName("src", "a"), end), EndsEvent = false }, CancellationToken.None);
        await worker.EnqueueAsync(Insert(a, 2) with { ExactlyOnce = (new TableName("src", "a"), end), EndsEvent = true }, CancellationToken.None);
        var flush = new FlushJob();
        await worker.EnqueueAsync(flush, CancellationToken.None);
        await flush.Done.Task.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2L, Convert.ToInt64(await servers.Target.ScalarAsync($"SELECT COUNT(*) FROM {Schema}.a")));
        await using (var connection = await servers.Target.OpenConnectionAsync())
        {
            var checkpoint = await store.ReadAsync(connection, CancellationToken.None);
            Assert.NotNull(checkpoint);
            Assert.Equal(end, checkpoint.Tables[new TableName("src", "a")].Location.Position);
        }

        worker.Complete();
        await running;
    }

    private async Task PrepareAsync()
    {
        await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS {Schema}");
        await servers.Target.ExecuteAsync($"CREATE DATABASE {Schema}");
        await servers.Target.ExecuteAsync($"CREATE TABLE {Schema}.a (id INT PRIMARY KEY, v VARCHAR(40))");
        await servers.Target.ExecuteAsync($"CREATE TABLE {Schema}.b (id INT PRIMARY KEY, v VARCHAR(40))");
    }

    private ApplyWorker Worker(SyncerCheckpointStore? store = null)
    {
        var target = new DatabaseEndpoint { Host = servers.Target.Host, Port = servers.Target.Port, User = servers.Target.User, Password = servers.Target.Password };
        return new ApplyWorker(0, target, new SyncOptions { Batch = 100 }, _ => { }, store is null ? _ => [] : store.TablePositionCommands);
    }

    private static RowJob Insert(RowStatementBuilder builder, long id) =>
        new(builder, RowsEventKind.Insert, null, new RowImage([id, $"row {id}"], [true, true]), SafeMode: false);

    private static RowStatementBuilder Builder(string table) => new(TargetTable.Create(
        new TableName(Schema, table),
        [
            new ColumnInfo { Index = 0, Name = "id", Type = ColumnType.Long, WireType = ColumnType.Long, Metadata = 0, IsPrimaryKey = true },
            new ColumnInfo { Index = 1, Name = "v", Type = ColumnType.VarChar, WireType = ColumnType.VarChar, Metadata = 160, Encoding = System.Text.Encoding.UTF8, IsNullable = true },
        ],
        [new UniqueKey(UniqueKey.PrimaryName, ["id"])]));
}
