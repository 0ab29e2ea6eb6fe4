using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks;
using Sluice.Testing;
using static Sluice.ChangeFeed.Tests.Sinks.MySql.SinkRows;

namespace Sluice.ChangeFeed.Tests.Sinks.MySql;

/// <summary>
/// The MySQL sink groups the small source transactions a worker has queued into one target transaction: each source
/// transaction must stay whole and the changes of a key must land in commit order.
/// </summary>
public sealed class MySqlSinkGroupingTests(MariaDbServers servers)
{
    private readonly MariaDbInstance _target = servers.Target;

    [Theory]
    [InlineData("one", "worker-count=1&max-txn-row=4")]
    [InlineData("many", "worker-count=3&max-txn-row=1000")]
    public async Task A_refused_transaction_leaves_every_source_transaction_whole_or_absent(string name, string parameters)
    {
        var schema = $"cdc_mysql_group_atomic_{name}";
        await CreateSchemaAsync(schema, "CREATE TABLE t (id INT PRIMARY KEY, txn INT NOT NULL)", "INSERT INTO t VALUES (1000000, -1)");
        var table = Table(schema, "t", Key("id"), Int("txn"));
        const int transactions = 200;
        const int refused = 120;
        var cancel = TestContext.Current.CancellationToken;

        await using var sink = Open(UriOf(_target, parameters));
        var error = await Assert.ThrowsAsync<ChangefeedException>(async () =>
        {
            for (var t = 0; t < transactions; t++)
            {
                // Three rows per transaction; the refused one's second row hits the row already on the target.
                await sink.WriteRowsAsync(Txn(
                    Insert(table, (long)(t * 3), (long)t),
                    Insert(table, t == refused ? 1000000L : (long)(t * 3) + 1, (long)t),
                    Insert(table, (long)(t * 3) + 2, (long)t)), cancel);
            }

            await sink.FlushAsync(NextTs(), cancel);
        });

        Assert.Contains("1062", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
        var counts = await CountsByTransactionAsync(schema);
        Assert.False(counts.ContainsKey(refused));
        Assert.All(counts, c => Assert.Equal(3L, c.Value));
    }

    [Theory]
    [InlineData("one", "worker-count=1&max-txn-row=256")]
    [InlineData("many", "worker-count=4&max-txn-row=64")]
    [InlineData("safe", "worker-count=4&max-txn-row=64&safe-mode=true")]
    public async Task Inserts_updates_and_deletes_of_the_same_keys_land_in_commit_order(string name, string parameters)
    {
        var schema = $"cdc_mysql_group_order_{name}";
        await CreateSchemaAsync(schema, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40), n INT)");
        var table = Table(schema, "t", Key("id"), Text("v"), Int("n"));
        var model = new SortedDictionary<long, (string V, long N)>();
        var cancel = TestContext.Current.CancellationToken;

        await using (var sink = Open(UriOf(_target, parameters)))
        {
            for (var t = 0; t < 1500; t++)
            {
                // Few keys, each inserted, updated, moved and deleted again and again by successive transactions.
                var rows = new List<RowChangedEvent> { Change(t % 5, t), Change(100 + ((t * 7) % 3), t) };
                if (t % 11 == 0 && model.ContainsKey(t % 5) && !model.ContainsKey(50 + (t % 5)))
                    rows.Add(Move(t % 5, 50 + (t % 5)));
                else if (t % 11 == 5 && model.ContainsKey(50 + (t % 5)) && !model.ContainsKey(t % 5))
                    rows.Add(Move(50 + (t % 5), t % 5));
                await sink.WriteRowsAsync(Txn([.. rows]), cancel);
            }

            await sink.FlushAsync(NextTs(), cancel);
        }

        Assert.Equal([.. model.Select(r => $"{r.Key}|{r.Value.V}|{r.Value.N}")], await RowsAsync(_target, $"`{schema}`.t", "id"));

        RowChangedEvent Change(long key, int t)
        {
            if (!model.TryGetValue(key, out var old))
            {
                model[key] = ($"v{t}", t);
                return Insert(table, key, $"v{t}", (long)t);
            }

            if (t % 3 == 0)
            {
                model.Remove(key);
                return Delete(table, key, old.V, old.N);
            }

            model[key] = ($"v{t}", t);
            return Update(table, [key, old.V, old.N], [key, $"v{t}", (long)t]);
        }

        RowChangedEvent Move(long from, long to)
        {
            var old = model[from];
            model.Remove(from);
            model[to] = old;
            return Update(table, [from, old.V, old.N], [to, old.V, old.N]);
        }
    }

    private async Task<Dictionary<long, long>> CountsByTransactionAsync(string schema)
    {
        await using var connection = await _target.OpenConnectionAsync();
        await using var command = new MySqlConnector.MySqlCommand($"SELECT txn, COUNT(*) FROM `{schema}`.t WHERE txn >= 0 GROUP BY txn", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<long, long>();
        while (await reader.ReadAsync())
            counts[reader.GetInt64(0)] = reader.GetInt64(1);
        return counts;
    }

    private async Task CreateSchemaAsync(string schema, params string[] statements)
    {
        await _target.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`");
        foreach (var statement in statements)
            await _target.ExecuteAsync($"USE `{schema}`; {statement}");
    }
}
