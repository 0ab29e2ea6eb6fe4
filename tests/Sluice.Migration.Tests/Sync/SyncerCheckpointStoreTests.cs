using Sluice.Migration.Sync;
using Sluice.MySql.Positions;
using Sluice.Replication.Filtering;
using Sluice.Testing;

namespace Sluice.Migration.Tests.Sync;

public sealed class SyncerCheckpointStoreTests(MariaDbServers servers)
{
    [Fact]
    public async Task A_saved_checkpoint_reads_back_per_source_with_its_tables_and_safe_mode_exit()
    {
        await servers.Target.ExecuteAsync("DROP DATABASE IF EXISTS dm_meta_cp_store");
        await using var connection = await servers.Target.OpenConnectionAsync();
        var store = new SyncerCheckpointStore("dm_meta_cp_store", "task`1", "source-1");
        var other = new SyncerCheckpointStore("dm_meta_cp_store", "task`1", "source-2");
        await store.PrepareAsync(connection, CancellationToken.None);
        await store.PrepareAsync(connection, CancellationToken.None); // idempotent

        Assert.Null(await store.ReadAsync(connection, CancellationToken.None));

        var first = new SyncLocation(new BinlogPosition("binlog.000003", 4521), "0-1-1520");
        var exit = new SyncLocation(new BinlogPosition("binlog.000004", 120), "0-1-1600");
        var table = new TableName("shop", "order");
        await store.SaveAsync(connection, null, first, exit,
            new Dictionary<TableName, TableCheckpoint> { [table] = new(first, """{"columns":["id"]}""") }, CancellationToken.None);
        await other.SaveAsync(connection, null, new SyncLocation(new BinlogPosition("mysql-bin.000001", 4), string.Empty), null, null, CancellationToken.None);

        // A later flush moves the global point and keeps the exit point when it is not given.
        var second = new SyncLocation(new BinlogPosition("binlog.000003", 9000), "0-1-1530");
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await store.SaveAsync(connection, transaction, second, null, null, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var read = await store.ReadAsync(connection, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(second, read.Global);
        Assert.Equal(exit, read.SafeModeExit);
        Assert.Equal(first, read.Tables[table].Location);
        Assert.Contains("\"id\"", read.Tables[table].TableInfo, StringComparison.Ordinal);
        Assert.Null((await other.ReadAsync(connection, CancellationToken.None))!.SafeModeExit);

        // A rolled-back flush leaves nothing behind.
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await store.SaveAsync(connection, transaction, first, null, null, CancellationToken.None);
            await transaction.RollbackAsync();
        }

        Assert.Equal(second, (await store.ReadAsync(connection, CancellationToken.None))!.Global);

        await store.DeleteTableAsync(connection, null, table, CancellationToken.None);
        Assert.Empty((await store.ReadAsync(connection, CancellationToken.None))!.Tables);
        await store.ClearAsync(connection, CancellationToken.None);
        Assert.Null(await store.ReadAsync(connection, CancellationToken.None));
        Assert.NotNull(await other.ReadAsync(connection, CancellationToken.None));
    }
}
