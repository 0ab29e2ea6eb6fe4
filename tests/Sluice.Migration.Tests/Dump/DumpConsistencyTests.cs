using System.Globalization;
using MySqlConnector;
using Sluice.Migration.Dump;
using Sluice.Testing;

namespace Sluice.Migration.Tests.Dump;

/// <summary>The dumped rows are the source's state at the recorded position, whatever is written meanwhile.</summary>
public sealed class DumpConsistencyTests(MariaDbServers servers) : IAsyncLifetime
{
    private readonly string _schema = DumpTestSource.NewSchema("dump_consistency");
    private readonly string _directory = DumpTestSource.NewDirectory();
    private readonly List<string> _users = [];

    public async ValueTask InitializeAsync()
    {
        await servers.Source.ExecuteAsync(
            $"CREATE DATABASE `{_schema}`; " +
            $"CREATE TABLE `{_schema}`.`filler` (id INT PRIMARY KEY, pad VARCHAR(200)); " +
            $"INSERT INTO `{_schema}`.`filler` SELECT seq, REPEAT('x', 200) FROM `{_schema}`.seq_1_to_30000; " +
            $"CREATE TABLE `{_schema}`.`w` (id INT PRIMARY KEY, v INT NOT NULL)",
            TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var user in _users)
            await servers.Source.ExecuteAsync($"DROP USER IF EXISTS '{user}'@'%'");
        await servers.Source.ExecuteAsync($"DROP DATABASE IF EXISTS `{_schema}`");
        DumpTestSource.DeleteDirectory(_directory);
    }

    /// <summary>
    /// A writer commits transaction n = 1, 2, ...: INSERT id n, then v = v + 1 on id n / 2. The state after
    /// transactions 1..k is known exactly, and @@last_gtid gives each transaction's GTID: the dump must hold the
    /// state after exactly the transactions at or before its recorded GTID.
    /// </summary>
    [Theory]
    [InlineData(Consistency.Flush, 3)]
    [InlineData(Consistency.Lock, 3)]
    [InlineData(Consistency.Snapshot, 1)]
    public async Task Rows_equal_the_source_state_at_the_recorded_position_while_a_writer_runs(Consistency consistency, int threads)
    {
        var committed = new List<(long N, long Sequence)>();
        using var stopWriter = new CancellationTokenSource();
        var writer = WriteAsync(committed, stopWriter.Token);
        await WaitForAsync(() => Count(committed) >= 100, writer);

        var manifest = await new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source, new DumpOptions { Threads = threads, Consistency = consistency, ChunkRows = 2000 }),
            DumpTestSource.Tables(_schema, "filler", "w"),
            _directory,
            null,
            TestContext.Current.CancellationToken);

        var afterDump = Count(committed);
        await WaitForAsync(() => Count(committed) >= afterDump + 20, writer);
        await stopWriter.CancelAsync();
        await writer;

        Assert.Equal(consistency.ToString().ToLowerInvariant(), manifest.Consistency);
        Assert.NotNull(manifest.BinlogName);
        Assert.NotNull(manifest.BinlogPos);
        var recorded = DomainZeroSequence(manifest.BinlogGtid!);
        var k = committed.Where(c => c.Sequence <= recorded).Select(c => c.N).DefaultIfEmpty(0).Max();
        Assert.All(committed, c => Assert.Equal(c.N <= k, c.Sequence <= recorded));
        Assert.InRange(k, 100, committed.Max(c => c.N) - 1);

        var dumped = DumpTestSource.ReadRows(_directory, DumpTestSource.Table(manifest, _schema, "w"))
            .Select(r => (Id: DumpTestSource.Integer(r[0]), V: DumpTestSource.Integer(r[1])))
            .OrderBy(r => r.Id)
            .ToList();
        var expected = Enumerable.Range(1, (int)k)
            .Select(id => (Id: (long)id, V: (2L * id <= k ? 1L : 0L) + (2L * id + 1 <= k ? 1L : 0L)))
            .ToList();
        Assert.Equal(expected, dumped);
        Assert.Equal(30_000, DumpTestSource.Table(manifest, _schema, "filler").Rows);
    }

    [Theory]
    [InlineData(Consistency.Lock)]
    [InlineData(Consistency.None)]
    [InlineData(Consistency.Snapshot)]
    public async Task Every_mode_produces_a_complete_dump(Consistency consistency)
    {
        var progress = new ProgressLog();

        var manifest = await new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source, new DumpOptions { Threads = 4, Consistency = consistency, ChunkRows = 5000 }),
            DumpTestSource.Tables(_schema, "filler"),
            _directory,
            progress,
            TestContext.Current.CancellationToken);

        Assert.Equal(consistency.ToString().ToLowerInvariant(), manifest.Consistency);
        var table = DumpTestSource.Table(manifest, _schema, "filler");
        Assert.Equal(Enumerable.Range(1, 30_000).Select(i => (long)i), DumpTestSource.ReadRows(_directory, table).Select(r => DumpTestSource.Integer(r[0])).Order());
        Assert.NotNull(manifest.BinlogGtid);
        var last = progress.Reports[^1];
        Assert.Equal(100, last.Percent);
        Assert.Equal((1, 1, 30_000L), (last.TotalTables, last.FinishedTables, last.Rows));
        Assert.Equal(table.Bytes, last.Bytes);
        if (consistency == Consistency.Snapshot)
            Assert.Contains(last.Warnings, w => w.Contains("one connection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Auto_falls_back_to_table_locks_for_a_user_without_RELOAD()
    {
        var user = await CreateUserAsync($"GRANT SELECT, LOCK TABLES ON `{_schema}`.* TO '{{0}}'@'%'", "GRANT REPLICATION CLIENT ON *.* TO '{0}'@'%'");
        var progress = new ProgressLog();

        var manifest = await new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source, new DumpOptions { Threads = 2, Consistency = Consistency.Auto }, endpoint: user),
            DumpTestSource.Tables(_schema, "filler", "w"),
            _directory,
            progress,
            TestContext.Current.CancellationToken);

        Assert.Equal("lock", manifest.Consistency);
        Assert.Equal(30_000, DumpTestSource.Table(manifest, _schema, "filler").Rows);
        Assert.NotNull(manifest.BinlogGtid);
        Assert.Contains(progress.Reports[^1].Warnings, w => w.Contains("FLUSH TABLES WITH READ LOCK refused", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<MigrationException>(() => new Dumper { Overwrite = true }.RunAsync(
            DumpTestSource.Source(servers.Source, new DumpOptions { Consistency = Consistency.Flush }, endpoint: user),
            DumpTestSource.Tables(_schema, "w"),
            _directory,
            null,
            TestContext.Current.CancellationToken));
        Assert.Equal(1227, error.MySqlErrorCode);
        Assert.Contains("RELOAD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_privileges_are_named_with_the_server_error_number()
    {
        var noLock = await CreateUserAsync($"GRANT SELECT ON `{_schema}`.* TO '{{0}}'@'%'", "GRANT REPLICATION CLIENT ON *.* TO '{0}'@'%'");
        var lockError = await Assert.ThrowsAsync<MigrationException>(() => new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source, new DumpOptions { Consistency = Consistency.Lock }, endpoint: noLock),
            DumpTestSource.Tables(_schema, "w"),
            _directory,
            null,
            TestContext.Current.CancellationToken));
        Assert.Equal(1044, lockError.MySqlErrorCode);
        Assert.Contains("LOCK TABLES", lockError.Message, StringComparison.Ordinal);

        var noBinlog = await CreateUserAsync($"GRANT SELECT, LOCK TABLES ON `{_schema}`.* TO '{{0}}'@'%'");
        var positionError = await Assert.ThrowsAsync<MigrationException>(() => new Dumper().RunAsync(
            DumpTestSource.Source(servers.Source, new DumpOptions { Consistency = Consistency.Lock }, endpoint: noBinlog),
            DumpTestSource.Tables(_schema, "w"),
            _directory,
            null,
            TestContext.Current.CancellationToken));
        Assert.Equal(1227, positionError.MySqlErrorCode);
        Assert.Contains("SHOW MASTER STATUS", positionError.Message, StringComparison.Ordinal);
    }

    private async Task WriteAsync(List<(long N, long Sequence)> committed, CancellationToken stop)
    {
        await using var connection = await servers.Source.OpenConnectionAsync(CancellationToken.None);
        for (long n = 1; !stop.IsCancellationRequested; n++)
        {
            await using (var transaction = await connection.BeginTransactionAsync(CancellationToken.None))
            {
                await using var command = new MySqlCommand(
                    $"INSERT INTO `{_schema}`.`w` VALUES (@n, 0); UPDATE `{_schema}`.`w` SET v = v + 1 WHERE id = @half",
                    connection,
                    transaction);
                command.Parameters.AddWithValue("@n", n);
                command.Parameters.AddWithValue("@half", n / 2);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }

            await using var gtid = new MySqlCommand("SELECT @@last_gtid", connection);
            var sequence = DomainZeroSequence((string)(await gtid.ExecuteScalarAsync(CancellationToken.None))!);
            lock (committed)
                committed.Add((n, sequence));
        }
    }

    private static int Count(List<(long, long)> committed)
    {
        lock (committed)
            return committed.Count;
    }

    /// <summary>Waits for the writer to get somewhere; its failure fails the test at once.</summary>
    private static async Task WaitForAsync(Func<bool> condition, Task writer)
    {
        while (!condition())
        {
            if (writer.IsCompleted)
                await writer;
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The sequence number of domain 0 in a MariaDB GTID list such as "0-3306-42" or "0-3306-42,1-3306-7".</summary>
    private static long DomainZeroSequence(string gtids)
    {
        var gtid = gtids.Split(',').Select(g => g.Trim().Split('-')).Single(parts => parts[0] == "0");
        return long.Parse(gtid[2], CultureInfo.InvariantCulture);
    }

    /// <summary>A user of this test with the given grants ({0} is its name).</summary>
    private async Task<DatabaseEndpoint> CreateUserAsync(params string[] grants)
    {
        var name = "dump_" + Guid.NewGuid().ToString("N")[..12];
        _users.Add(name);
        await servers.Source.ExecuteAsync($"CREATE USER '{name}'@'%' IDENTIFIED BY 'secret'", TestContext.Current.CancellationToken);
        foreach (var grant in grants)
            await servers.Source.ExecuteAsync(string.Format(CultureInfo.InvariantCulture, grant, name), TestContext.Current.CancellationToken);
        return DumpTestSource.Endpoint(servers.Source, name, "secret");
    }
}
