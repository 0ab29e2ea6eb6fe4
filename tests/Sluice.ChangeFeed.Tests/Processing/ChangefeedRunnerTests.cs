using Sluice.ChangeFeed.Model;
using Sluice.Replication.Ddl;
using Sluice.Testing;

namespace Sluice.ChangeFeed.Tests.Processing;

public sealed class ChangefeedRunnerTests(MariaDbServers servers)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Committed_changes_after_start_ts_reach_the_sink_in_commit_order_with_increasing_TSOs()
    {
        var source = servers.Source;
        const string schema = "cf_runner_order";
        await source.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; " +
            $"CREATE TABLE `{schema}`.`t` (id INT PRIMARY KEY, name VARCHAR(20), amount DECIMAL(10,2) NULL)", Token);
        var startTs = await NextSecondTsoAsync();
        var sink = new RecordingSink();
        var store = new MemoryCheckpointStore();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var runner = Runner(schema, startTs, sink, store);
        var run = runner.RunAsync(stop.Token);

        await source.ExecuteAsync($"INSERT INTO `{schema}`.`t` VALUES (1, 'one', 1.50), (2, 'two', NULL)", Token);
        await source.ExecuteAsync($"UPDATE `{schema}`.`t` SET name = 'uno' WHERE id = 1", Token);
        await source.ExecuteAsync($"DELETE FROM `{schema}`.`t` WHERE id = 2", Token);
        // Read live, the rows before the ALTER are described by the table as it then was.
        await WaitUntilAsync(() => sink.Rows.Count >= 4);
        await source.ExecuteAsync($"ALTER TABLE `{schema}`.`t` ADD COLUMN note TEXT NULL", Token);
        await source.ExecuteAsync($"INSERT INTO `{schema}`.`t` VALUES (3, 'three', 3.00, 'hi')", Token);
        await WaitUntilAsync(() => sink.Rows.Count >= 5 && store.Checkpoint is not null && store.Checkpoint.CheckpointTs >= sink.Rows[^1].CommitTs);
        await stop.CancelAsync();
        Assert.Equal(ChangefeedOutcome.Stopped, await run);

        var rows = sink.Rows;
        Assert.Equal([RowChangeKind.Insert, RowChangeKind.Insert, RowChangeKind.Update, RowChangeKind.Delete, RowChangeKind.Insert], rows.Select(r => r.Kind));
        Assert.Equal(1L, rows[0].After![0]);
        Assert.Equal("one", rows[0].After![1]);
        Assert.Equal("1.50", rows[0].After![2]!.ToString());
        Assert.Null(rows[1].After![2]);
        Assert.Equal("one", rows[2].Before![1]);
        Assert.Equal("uno", rows[2].After![1]);
        Assert.Equal(2L, rows[3].Before![0]);
        Assert.Equal("hi", rows[4].After![3]);
        Assert.Equal(["id", "name", "amount", "note"], rows[4].Table.Columns.Select(c => c.Name));
        Assert.True(rows[0].Table.Columns[0].IsPrimaryKey);
        Assert.Equal([0], rows[0].Table.HandleKeyColumns);

        // One TSO per transaction, above start_ts, rising with each transaction.
        var commits = rows.Select(r => r.CommitTs).Distinct().ToList();
        Assert.Equal(4, commits.Count);
        Assert.All(commits, ts => Assert.True(ts > startTs));
        Assert.Equal(commits.Order().ToList(), commits);
        Assert.Equal(rows[0].CommitTs, rows[1].CommitTs);

        var ddl = Assert.Single(sink.Ddls);
        Assert.Equal(DdlKind.AlterTable, ddl.Kind);
        Assert.Equal(DdlActionType.AddColumn, ddl.ActionType);
        Assert.Equal(schema, ddl.Schema);
        Assert.Equal("t", ddl.Table);
        Assert.True(ddl.CommitTs > rows[3].CommitTs && ddl.CommitTs < rows[4].CommitTs);
        Assert.Equal(ddl.CommitTs, ddl.TableAfter!.Version);
        Assert.Equal(4, ddl.TableAfter.Columns.Count);
        Assert.Equal(ddl.TableAfter, rows[4].Table);

        // Calls come in commit order: the DDL after the rows before it and before the rows after it.
        var calls = sink.Calls.ToList();
        Assert.True(calls.IndexOf(ddl) > calls.FindIndex(c => c is Sluice.ChangeFeed.Sinks.TransactionChunk t && t.Rows.Contains(rows[3])));
    }

    [Fact]
    public async Task A_restart_from_the_checkpoint_delivers_only_what_came_after_it()
    {
        var source = servers.Source;
        const string schema = "cf_runner_restart";
        await source.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; CREATE TABLE `{schema}`.`t` (id INT PRIMARY KEY)", Token);
        var startTs = await NextSecondTsoAsync();
        for (var i = 1; i <= 3; i++)
            await source.ExecuteAsync($"INSERT INTO `{schema}`.`t` VALUES ({i})", Token);

        var store = new MemoryCheckpointStore();
        var first = new RecordingSink();
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(Token))
        {
            var run = Runner(schema, startTs, first, store).RunAsync(stop.Token);
            await WaitUntilAsync(() => first.Rows.Count == 3 && store.Checkpoint?.CheckpointTs >= first.Rows[^1].CommitTs);
            await stop.CancelAsync();
            await run;
        }

        for (var i = 4; i <= 5; i++)
            await source.ExecuteAsync($"INSERT INTO `{schema}`.`t` VALUES ({i})", Token);
        var second = new RecordingSink();
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(Token))
        {
            var run = Runner(schema, startTs, second, store).RunAsync(stop.Token);
            await WaitUntilAsync(() => second.Rows.Count >= 2);
            await stop.CancelAsync();
            await run;
        }

        Assert.Equal([4L, 5L], second.Rows.Select(r => (long)r.After![0]!));
        Assert.True(second.Rows[0].CommitTs > first.Rows[^1].CommitTs);
    }

    [Fact]
    public async Task Reaching_target_ts_finishes_with_the_checkpoint_at_the_target()
    {
        var source = servers.Source;
        const string schema = "cf_runner_target";
        await source.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; CREATE TABLE `{schema}`.`t` (id INT PRIMARY KEY)", Token);
        var startTs = await NextSecondTsoAsync();
        await source.ExecuteAsync($"INSERT INTO `{schema}`.`t` VALUES (1)", Token);
        // TSOs keep the binlog's seconds: a transaction of target_ts's own second is inside the target.
        var targetTs = await NextSecondTsoAsync();
        await NextSecondTsoAsync();
        await source.ExecuteAsync($"INSERT INTO `{schema}`.`t` VALUES (2)", Token);

        var sink = new RecordingSink();
        var store = new MemoryCheckpointStore();
        var runner = new ChangefeedRunner(
            new ChangefeedDefinition
            {
                Id = "target-test",
                SourceName = "source",
                SinkUri = "blackhole://",
                StartTs = startTs,
                TargetTs = targetTs,
                Options = new ChangefeedOptions { FilterRules = [$"{schema}.*"] },
            },
            SourceOf(),
            store,
            sinkFactory: _ => sink);

        Assert.Equal(ChangefeedOutcome.Finished, await runner.RunAsync(Token));
        Assert.Equal([1L], sink.Rows.Select(r => (long)r.After![0]!));
        Assert.Equal(targetTs, store.Checkpoint!.CheckpointTs);
        Assert.Equal(ChangefeedOutcome.Finished, await Runner(schema, startTs, sink, store, targetTs).RunAsync(Token));
    }

    [Fact]
    public async Task A_sink_that_fails_on_its_disk_stops_the_run_with_a_retryable_sink_error_and_no_checkpoint_past_it()
    {
        var source = servers.Source;
        const string schema = "cf_runner_sink_fails";
        await source.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; CREATE TABLE `{schema}`.`t` (id INT PRIMARY KEY)", Token);
        var startTs = await NextSecondTsoAsync();
        await source.ExecuteAsync($"INSERT INTO `{schema}`.`t` VALUES (1)", Token);
        var store = new MemoryCheckpointStore();
        var runner = new ChangefeedRunner(
            new ChangefeedDefinition
            {
                Id = "sink-fails",
                SourceName = "source",
                SinkUri = "file:///nowhere?protocol=csv",
                StartTs = startTs,
                Options = new ChangefeedOptions { FilterRules = [$"{schema}.*"] },
            },
            SourceOf(),
            store,
            sinkFactory: _ => new FailingSink());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var error = await Assert.ThrowsAsync<ChangefeedException>(() => runner.RunAsync(timeout.Token));
        Assert.Equal("CDC:ErrExternalStorageAPI", error.Code);
        Assert.True(error.IsRetryable);
        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
        Assert.Null(store.Checkpoint);
    }

    private ChangefeedRunner Runner(string schema, Tso startTs, RecordingSink sink, MemoryCheckpointStore store, Tso targetTs = default) => new(
        new ChangefeedDefinition
        {
            Id = $"test-{schema}",
            SourceName = "source",
            SinkUri = "blackhole://",
            StartTs = startTs,
            TargetTs = targetTs,
            Options = new ChangefeedOptions { FilterRules = [$"{schema}.*"] },
        },
        SourceOf(),
        store,
        sinkFactory: _ => sink);

    private ChangefeedSource SourceOf() => new("source", servers.Source.Host, servers.Source.Port, servers.Source.User, servers.Source.Password);

    /// <summary>A TSO at the start of the next second: the binlog keeps seconds, so what was written before it is left out.</summary>
    private static async Task<Tso> NextSecondTsoAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var next = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 1);
        await Task.Delay(next - now + TimeSpan.FromMilliseconds(20), Token);
        return Tso.From(next);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition())
            await Task.Delay(50, timeout.Token);
    }
}
