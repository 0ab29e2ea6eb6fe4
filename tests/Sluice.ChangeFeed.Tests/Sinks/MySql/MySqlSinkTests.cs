using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks;
using Sluice.Replication.Ddl;
using Sluice.Testing;
using static Sluice.ChangeFeed.Tests.Sinks.MySql.SinkRows;

namespace Sluice.ChangeFeed.Tests.Sinks.MySql;

/// <summary>The MySQL sink against the real target server: what it writes, in what order, in which transactions.</summary>
public sealed class MySqlSinkTests(MariaDbServers servers)
{
    private readonly MariaDbInstance _target = servers.Target;

    [Theory]
    [InlineData("plain", "worker-count=4")]
    [InlineData("safe", "worker-count=4&safe-mode=true")]
    [InlineData("single", "worker-count=3&batch-dml-enable=false&multi-stmt-enable=false")]
    [InlineData("small", "worker-count=2&max-txn-row=2")]
    public async Task Transactions_over_several_tables_in_parallel_workers_leave_the_rows_they_describe(string name, string parameters)
    {
        var schema = $"cdc_mysql_parallel_{name}";
        await CreateSchemaAsync(schema,
            "CREATE TABLE t_pk (id INT PRIMARY KEY, v VARCHAR(40), n INT)",
            "CREATE TABLE t_comp (a INT, b INT, v VARCHAR(40), PRIMARY KEY (a, b))",
            "CREATE TABLE t_uk (id INT NOT NULL, u INT NOT NULL, v VARCHAR(40), UNIQUE KEY uk_id (id), UNIQUE KEY uk_u (u))");
        var pk = Table(schema, "t_pk", Key("id"), Text("v"), Int("n"));
        var comp = Table(schema, "t_comp", Key("a"), Key("b"), Text("v"));
        var uk = Table(schema, "t_uk", UniqueInt("id") with { Key = ColumnKeyFlags.UniqueKey | ColumnKeyFlags.HandleKey }, UniqueInt("u"), Text("v"));
        var model = new RowModel(new Random(20261126));
        var transactions = new List<TransactionChunk>();
        for (var t = 0; t < 400; t++)
        {
            var rows = new List<RowChangedEvent>();
            for (var r = model.Next(1, 6); r > 0; r--)
                rows.Add(model.Change(model.Next(3) switch { 0 => pk, 1 => comp, _ => uk }));
            transactions.Add(Txn([.. rows]));
        }

        await using (var sink = Open(UriOf(_target, parameters)))
        {
            foreach (var transaction in transactions)
                await sink.WriteRowsAsync(transaction, TestContext.Current.CancellationToken);
            await sink.FlushAsync(transactions[^1].CommitTs, TestContext.Current.CancellationToken);
        }

        Assert.Equal(model.Rows(pk), await RowsAsync(_target, $"`{schema}`.t_pk", "id"));
        Assert.Equal(model.Rows(comp), await RowsAsync(_target, $"`{schema}`.t_comp", "a, b"));
        Assert.Equal(model.Rows(uk), await RowsAsync(_target, $"`{schema}`.t_uk", "id"));
    }

    [Fact]
    public async Task A_transaction_in_several_chunks_commits_at_its_last_chunk_and_a_failure_before_it_leaves_nothing()
    {
        const string schema = "cdc_mysql_chunks";
        await CreateSchemaAsync(schema, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40))", "INSERT INTO t VALUES (1000, 'there before')");
        var table = Table(schema, "t", Key("id"), Text("v"));
        var cancel = TestContext.Current.CancellationToken;
        await using var sink = Open(UriOf(_target, "worker-count=3&max-txn-row=16"));

        var whole = NextTs();
        await sink.WriteRowsAsync(Chunk(whole, 1, 50, first: true, last: false), cancel);
        await sink.WriteRowsAsync(Chunk(whole, 51, 100, first: false, last: false), cancel);
        await sink.FlushAsync(new Tso(whole.Value - 1), cancel);
        Assert.Equal(0L, await _target.ScalarAsync($"SELECT COUNT(*) FROM `{schema}`.t WHERE id < 1000"));
        await sink.WriteRowsAsync(Chunk(whole, 101, 150, first: false, last: true), cancel);
        await sink.FlushAsync(whole, cancel);
        Assert.Equal(150L, await _target.ScalarAsync($"SELECT COUNT(*) FROM `{schema}`.t WHERE id < 1000"));

        var failing = NextTs();
        await sink.WriteRowsAsync(Chunk(failing, 200, 260, first: true, last: false), cancel);
        await sink.WriteRowsAsync(Chunk(failing, 990, 1000, first: false, last: false), cancel); // 1000 is there: refused
        var error = await Assert.ThrowsAsync<ChangefeedException>(async () => await sink.FlushAsync(new Tso(failing.Value - 1), cancel));

        Assert.Equal("CDC:ErrMySQLTxnError", error.Code);
        Assert.False(error.IsRetryable);
        Assert.Contains("1062", error.Message, StringComparison.Ordinal);
        Assert.Equal(150L, await _target.ScalarAsync($"SELECT COUNT(*) FROM `{schema}`.t WHERE id < 1000"));
        await Assert.ThrowsAsync<ChangefeedException>(async () => await sink.WriteRowsAsync(Chunk(failing, 1001, 1002, first: false, last: true), cancel));

        TransactionChunk Chunk(Tso ts, int from, int to, bool first, bool last) =>
            new(ts, ts, [.. Enumerable.Range(from, to - from + 1).Select(i => Insert(table, (long)i, $"row {i}"))], first, last);
    }

    [Fact]
    public async Task Safe_mode_makes_a_replay_of_the_same_transactions_leave_the_same_rows()
    {
        const string schema = "cdc_mysql_replay";
        await CreateSchemaAsync(schema, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40))");
        var table = Table(schema, "t", Key("id"), Text("v"));
        TransactionChunk[] transactions =
        [
            Txn(Insert(table, 1L, "a"), Insert(table, 2L, "b"), Insert(table, 3L, "c")),
            Txn(Update(table, [1L, "a"], [1L, "a2"])),
            Txn(Update(table, [2L, "b"], [20L, "b"])),
            Txn(Delete(table, 3L, "c"), Insert(table, 4L, null)),
            Txn(Update(table, [4L, null], [3L, "d"])),
        ];
        string[] expected = ["1|a2", "3|d", "20|b"];

        await WriteAllAsync("worker-count=2", pastStartup: true);
        Assert.Equal(expected, await RowsAsync(_target, $"`{schema}`.t", "id"));
        await WriteAllAsync("worker-count=2&safe-mode=true", pastStartup: true);
        Assert.Equal(expected, await RowsAsync(_target, $"`{schema}`.t", "id"));
        await WriteAllAsync("worker-count=2", pastStartup: false); // the first minute after a start
        Assert.Equal(expected, await RowsAsync(_target, $"`{schema}`.t", "id"));

        var error = await Assert.ThrowsAsync<ChangefeedException>(() => WriteAllAsync("worker-count=2", pastStartup: true));
        Assert.Contains("1062", error.Message, StringComparison.Ordinal);
        Assert.Equal(expected, await RowsAsync(_target, $"`{schema}`.t", "id"));

        async Task WriteAllAsync(string parameters, bool pastStartup)
        {
            await using var sink = Open(UriOf(_target, parameters), pastStartup);
            foreach (var transaction in transactions)
                await sink.WriteRowsAsync(transaction, TestContext.Current.CancellationToken);
            await sink.FlushAsync(transactions[^1].CommitTs, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task A_ddl_between_rows_runs_after_the_rows_before_it_and_the_rows_after_it_see_it()
    {
        const string schema = "cdc_mysql_ddl";
        await _target.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}`");
        var cancel = TestContext.Current.CancellationToken;
        var v1 = Table(schema, "t", Key("id"), Text("v"));
        var v2 = Table(schema, "t", Key("id"), Text("v"), Int("w"));
        var createDatabase = Ddl(DdlKind.CreateDatabase, $"CREATE DATABASE `{schema}`", null);
        var createTable = Ddl(DdlKind.CreateTable, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40))", "t");

        // Over TLS, the target's certificate checked against its CA.
        await using (var sink = Open(UriOf(_target, $"worker-count=4&ssl-ca={Uri.EscapeDataString(_target.CaFile)}")))
        {
            await sink.WriteDdlAsync(createDatabase, cancel);
            await sink.WriteDdlAsync(createTable, cancel);
            for (var i = 1; i <= 20; i++)
                await sink.WriteRowsAsync(Txn(Insert(v1, (long)i, $"v{i}")), cancel);
            await sink.WriteDdlAsync(Ddl(DdlKind.AlterTable, "ALTER TABLE t ADD COLUMN w INT NOT NULL DEFAULT 7", "t"), cancel);
            await sink.WriteRowsAsync(Txn(Insert(v2, 21L, "v21", 21L), Update(v2, [1L, "v1", 7L], [1L, "v1", 1L])), cancel);
            await sink.FlushAsync(NextTs(), cancel);
        }

        var rows = await RowsAsync(_target, $"`{schema}`.t", "id");
        Assert.Equal(21, rows.Count);
        Assert.Equal("1|v1|1", rows[0]);
        Assert.Equal("2|v2|7", rows[1]);
        Assert.Equal("21|v21|21", rows[20]);

        // Replayed after a restart, DDL already in effect is skipped.
        await using (var again = Open(UriOf(_target)))
        {
            await again.WriteDdlAsync(createDatabase, cancel);
            await again.WriteDdlAsync(createTable, cancel);
            await again.FlushAsync(NextTs(), cancel);

            var refused = await Assert.ThrowsAsync<ChangefeedException>(
                async () => await again.WriteDdlAsync(Ddl(DdlKind.AlterTable, "ALTER TABLE not_there ADD COLUMN x INT", "not_there"), cancel));
            Assert.Equal("CDC:ErrExecDDLFailed", refused.Code);
            Assert.False(refused.IsRetryable);
            Assert.Contains("ALTER TABLE not_there ADD COLUMN x INT", refused.Message, StringComparison.Ordinal);
            Assert.Contains("[MySQL error 1146]", refused.Message, StringComparison.Ordinal);
        }

        DdlEvent Ddl(DdlKind kind, string query, string? name) =>
            new() { CommitTs = NextTs(), Schema = schema, Table = name, Query = query, Kind = kind };
    }

    [Fact]
    public async Task A_statement_the_target_refuses_gives_an_error_that_names_it_and_is_not_retried()
    {
        const string schema = "cdc_mysql_refused";
        await CreateSchemaAsync(schema, "CREATE TABLE t (id INT PRIMARY KEY)", "CREATE TABLE fine (id INT PRIMARY KEY)");
        var table = Table(schema, "t", Key("id"), Text("only_on_the_source"));
        var fine = Table(schema, "fine", Key("id"));
        await using var sink = Open(UriOf(_target, "worker-count=2"));

        await sink.WriteRowsAsync(Txn(Insert(fine, 1L), Insert(table, 1L, "x"), Insert(fine, 2L)), TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<ChangefeedException>(async () => await sink.FlushAsync(NextTs(), TestContext.Current.CancellationToken));

        Assert.Equal("CDC:ErrMySQLTxnError", error.Code);
        Assert.False(error.IsRetryable);
        Assert.Contains($"INSERT INTO `{schema}`.`t` (`id`,`only_on_the_source`) VALUES (1,'x')", error.Message, StringComparison.Ordinal);
        Assert.Contains("[MySQL error 1054]", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sink.Retries);
        Assert.Equal(0L, await _target.ScalarAsync($"SELECT COUNT(*) FROM `{schema}`.fine"));
    }

    [Fact]
    public async Task A_stopped_target_gives_a_retryable_error_after_a_few_tries()
    {
        await using var server = await MariaDbInstance.StartAsync("cdc-mysql-stopped", TestContext.Current.CancellationToken);
        await server.ExecuteAsync("CREATE DATABASE cdc_mysql_stopped; CREATE TABLE cdc_mysql_stopped.t (id INT PRIMARY KEY)", TestContext.Current.CancellationToken);
        var table = Table("cdc_mysql_stopped", "t", Key("id"));
        await using var sink = Open(UriOf(server, "worker-count=1&timeout=2s"));
        await sink.WriteRowsAsync(Txn(Insert(table, 1L)), TestContext.Current.CancellationToken);
        await sink.FlushAsync(NextTs(), TestContext.Current.CancellationToken);

        await server.StopServerAsync();
        await sink.WriteRowsAsync(Txn(Insert(table, 2L)), TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<ChangefeedException>(async () => await sink.FlushAsync(NextTs(), TestContext.Current.CancellationToken));

        Assert.Equal("CDC:ErrMySQLTxnError", error.Code);
        Assert.True(error.IsRetryable);
        Assert.True(sink.Retries >= 1);
    }

    private async Task CreateSchemaAsync(string schema, params string[] statements)
    {
        await _target.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`");
        foreach (var statement in statements)
            await _target.ExecuteAsync($"USE `{schema}`; {statement}");
    }
}
