using System.Globalization;
using Sluice.Migration.Supervision;
using Sluice.Testing;

namespace Sluice.Migration.Tests.Supervision;

/// <summary>A task on a schema of its own, and waiting on a supervisor's status without a timed assertion.</summary>
internal static class SupervisionKit
{
    /// <summary>Generous: a wait that needs this long means something is stuck, and the failure prints the status.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>Recreates <paramref name="schema"/> on the source with <paramref name="rows"/> rows in table t, and clears it and the meta schema on the target.</summary>
    public static async Task PrepareAsync(MariaDbServers servers, string schema, string metaSchema, int rows)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}`; DROP DATABASE IF EXISTS `{metaSchema}`", cancellationToken);
        await servers.Source.ExecuteAsync(
            $"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; CREATE TABLE `{schema}`.`t` (`id` INT PRIMARY KEY, `v` VARCHAR(40) NOT NULL)",
            cancellationToken);
        await InsertAsync(servers.Source, schema, 1, rows);
    }

    /// <summary>Rows <paramref name="first"/> to <paramref name="last"/> into the source's table t, in one transaction.</summary>
    public static Task InsertAsync(MariaDbInstance source, string schema, int first, int last) =>
        source.ExecuteAsync(
            string.Create(CultureInfo.InvariantCulture, $"INSERT INTO `{schema}`.`t` (`id`, `v`) SELECT `seq`, CONCAT('row ', `seq`) FROM `{schema}`.`seq_{first}_to_{last}`"),
            TestContext.Current.CancellationToken);

    public static async Task<long> CountAsync(MariaDbInstance server, string schema)
    {
        try
        {
            return Convert.ToInt64(await server.ScalarAsync($"SELECT COUNT(*) FROM `{schema}`.`t`", TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);
        }
        catch (MySqlConnector.MySqlException e) when (e.ErrorCode is MySqlConnector.MySqlErrorCode.NoSuchTable or MySqlConnector.MySqlErrorCode.UnknownDatabase)
        {
            return -1;
        }
    }

    public static MigrationTask Task(MariaDbServers servers, string name, string schema, string metaSchema, TaskMode mode, string dataDir, DatabaseEndpoint? target = null) => new()
    {
        Name = name,
        Mode = mode,
        MetaSchema = metaSchema,
        Target = target ?? Endpoint(servers.Target),
        Sources =
        [
            new SourceInstance
            {
                SourceId = "source-1",
                Connection = Endpoint(servers.Source),
                BlockAllowList = new Replication.Filtering.BlockAllowList { DoDbs = [schema] },
                Dump = new DumpOptions { Threads = 2, DataDir = dataDir },
                Load = new LoadOptions { Threads = 2 },
                Sync = new SyncOptions { Threads = 2, CheckpointFlushInterval = TimeSpan.FromSeconds(1) },
            },
        ],
    };

    public static DatabaseEndpoint Endpoint(MariaDbInstance server) =>
        new() { Host = server.Host, Port = server.Port, User = server.User, Password = server.Password };

    /// <summary>Polls the status until <paramref name="condition"/> holds; fails naming <paramref name="what"/> with the last status.</summary>
    public static async Task<TaskStatusSnapshot> UntilAsync(TaskSupervisor supervisor, string what, Func<TaskStatusSnapshot, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var snapshot = supervisor.Snapshot();
            if (await condition(snapshot))
                return snapshot;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{what}: not reached; status: {Describe(snapshot)}");
            await System.Threading.Tasks.Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static Task<TaskStatusSnapshot> UntilAsync(TaskSupervisor supervisor, string what, Func<TaskStatusSnapshot, bool> condition) =>
        UntilAsync(supervisor, what, s => System.Threading.Tasks.Task.FromResult(condition(s)));

    public static string Describe(TaskStatusSnapshot snapshot) =>
        $"{snapshot.Name} {snapshot.Stage}: " + string.Join("; ", snapshot.Sources.Select(s => s.ToString()));
}
