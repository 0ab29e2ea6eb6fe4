using Sluice.ChangeFeed.Model;
using Sluice.Testing;

namespace Sluice.ChangeFeed.Tests.Processing;

public sealed class PauseReplayTests(MariaDbServers servers)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Multi_row_transactions_written_while_stopped_arrive_after_a_restart_from_the_checkpoint()
    {
        var source = servers.Source;
        const string schema = "cf_pause_replay";
        await source.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; CREATE TABLE `{schema}`.`a` (id INT PRIMARY KEY, v INT)", Token);
        var startTs = Tso.From(DateTimeOffset.UtcNow);
        var store = new MemoryCheckpointStore();
        var first = new RecordingSink();
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(Token))
        {
            var runner = Runner(schema, startTs, first, store);
            var run = runner.RunAsync(stop.Token);
            for (var id = 1; id <= 5; id++)
                await source.ExecuteAsync($"INSERT INTO `{schema}`.`a` VALUES ({id}, {id})", Token);
            while (first.Rows.Count < 5 || store.Checkpoint is null || store.Checkpoint.CheckpointTs < first.Rows[^1].CommitTs)
                await Task.Delay(50, Token);
            await stop.CancelAsync();
            await run;
        }

        for (var id = 6; id <= 10; id++)
            await source.ExecuteAsync($"INSERT INTO `{schema}`.`a` VALUES ({id}, {id})", Token);
        await source.ExecuteAsync($"UPDATE `{schema}`.`a` SET v = v * 10 WHERE id BETWEEN 6 AND 10 AND id % 3 = 0", Token);
        await source.ExecuteAsync($"DELETE FROM `{schema}`.`a` WHERE id BETWEEN 6 AND 10 AND id % 5 = 0", Token);

        var second = new RecordingSink();
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(Token))
        {
            var run = Runner(schema, startTs, second, store).RunAsync(stop.Token);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (second.Rows.Count < 5 + 2 + 1)
            {
                if (run.IsCompleted)
                    await run;
                await Task.Delay(50, timeout.Token);
            }

            await stop.CancelAsync();
            await run;
        }

        Assert.Equal(
            ["Insert 6", "Insert 7", "Insert 8", "Insert 9", "Insert 10", "Update 6", "Update 9", "Delete 10"],
            second.Rows.Select(r => $"{r.Kind} {r.Current[0]}"));
    }

    private ChangefeedRunner Runner(string schema, Tso startTs, RecordingSink sink, MemoryCheckpointStore store) => new(
        new ChangefeedDefinition
        {
            Id = $"test-{schema}",
            SourceName = "source",
            SinkUri = "blackhole://",
            StartTs = startTs,
            Options = new ChangefeedOptions { FilterRules = [$"{schema}.*"] },
        },
        new ChangefeedSource("source", servers.Source.Host, servers.Source.Port, servers.Source.User, servers.Source.Password),
        store,
        sinkFactory: _ => sink);
}
