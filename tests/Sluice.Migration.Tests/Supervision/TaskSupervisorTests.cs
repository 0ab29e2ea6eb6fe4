using Sluice.Migration.Supervision;
using Sluice.Testing;
using static Sluice.Migration.Tests.Supervision.SupervisionKit;

namespace Sluice.Migration.Tests.Supervision;

/// <summary>
/// A supervised task against the real servers: its stages (Running, Paused, Stopped, Finished), the unit each source
/// is in and the numbers it reports, errors kept in the status, and remove-meta starting a task over.
/// </summary>
public sealed class TaskSupervisorTests(MariaDbServers servers)
{
    [Fact]
    public async Task An_all_task_dumps_loads_then_syncs_and_pauses_resumes_and_stops()
    {
        const string schema = "sup_life";
        const string meta = "dm_meta_sup_life";
        await PrepareAsync(servers, schema, meta, 100);
        var dataDir = Directory.CreateTempSubdirectory("sluice-sup-life-").FullName;
        var supervisor = new TaskSupervisor("sup_life");
        Assert.Equal(TaskStage.New, supervisor.Snapshot().Stage);

        Assert.True(supervisor.Start(Task(servers, "sup_life", schema, meta, TaskMode.All, dataDir), new StartOptions()));
        Assert.Equal(TaskStage.Running, supervisor.Snapshot().Stage);
        Assert.False(supervisor.Start(Task(servers, "sup_life", schema, meta, TaskMode.All, dataDir), new StartOptions()));

        var units = new HashSet<TaskUnit>();
        var loaded = await UntilAsync(supervisor, "the sync unit after the load of 100 rows", async s =>
        {
            units.Add(s.Sources[0].Unit);
            return s.Sources[0].Unit == TaskUnit.Sync && await CountAsync(servers.Target, schema) == 100;
        });
        var source = Assert.Single(loaded.Sources);
        Assert.Equal(TaskStage.Running, loaded.Stage);
        Assert.Equal(TaskStage.Running, source.Stage);
        Assert.NotNull(source.Dump);
        Assert.Equal(1, source.Dump.TotalTables);
        Assert.Equal(1, source.Dump.CompletedTables);
        Assert.Equal(100, source.Dump.FinishedRows);
        Assert.NotNull(source.Load);
        Assert.True(source.Load.TotalBytes > 0 && source.Load.FinishedBytes == source.Load.TotalBytes, Describe(loaded));
        Assert.StartsWith("(", source.Load.MetaBinlog, StringComparison.Ordinal);
        Assert.Null(source.LastError);

        await InsertAsync(servers.Source, schema, 101, 150);
        var synced = await UntilAsync(supervisor, "50 more rows synced and checkpointed", async s =>
            s.Sources[0].Sync is { TotalEvents: >= 50, SyncerBinlog.Length: > 0, MasterBinlog.Length: > 0 } && await CountAsync(servers.Target, schema) == 150);
        Assert.Equal(TaskStage.Running, synced.Stage);
        Assert.True(synced.Sources[0].Sync!.TotalEvents > source.Sync?.TotalEvents, Describe(synced));

        Assert.True(await supervisor.PauseAsync(TestContext.Current.CancellationToken));
        var paused = supervisor.Snapshot();
        Assert.Equal(TaskStage.Paused, paused.Stage);
        Assert.Equal(TaskStage.Paused, paused.Sources[0].Stage);
        Assert.Null(paused.Sources[0].LastError);
        Assert.False(await supervisor.PauseAsync(TestContext.Current.CancellationToken));
        await InsertAsync(servers.Source, schema, 151, 200);
        Assert.Equal(150, await CountAsync(servers.Target, schema));

        Assert.True(await supervisor.ResumeAsync(TestContext.Current.CancellationToken));
        Assert.Equal(TaskStage.Running, supervisor.Snapshot().Stage);
        await UntilAsync(supervisor, "the rows written while paused synced after the resume", async s =>
            s.Sources[0].Unit == TaskUnit.Sync && await CountAsync(servers.Target, schema) == 200);
        Assert.Equal(await servers.Source.ChecksumAsync($"`{schema}`.`t`", TestContext.Current.CancellationToken), await servers.Target.ChecksumAsync($"`{schema}`.`t`", TestContext.Current.CancellationToken));

        Assert.True(await supervisor.StopAsync(TestContext.Current.CancellationToken));
        var stopped = supervisor.Snapshot();
        Assert.Equal(TaskStage.Stopped, stopped.Stage);
        Assert.Equal(TaskStage.Stopped, stopped.Sources[0].Stage);
        Assert.Null(stopped.Sources[0].LastError);
        Assert.Contains(TaskUnit.Sync, units);
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task A_full_task_ends_finished_with_its_numbers()
    {
        const string schema = "sup_full";
        const string meta = "dm_meta_sup_full";
        await PrepareAsync(servers, schema, meta, 300);
        var dataDir = Directory.CreateTempSubdirectory("sluice-sup-full-").FullName;
        var supervisor = new TaskSupervisor("sup_full");

        Assert.True(supervisor.Start(Task(servers, "sup_full", schema, meta, TaskMode.Full, dataDir), new StartOptions()));
        var finished = await UntilAsync(supervisor, "the full task finished", s => s.Stage is not TaskStage.Running);

        Assert.Equal(TaskStage.Finished, finished.Stage);
        var source = Assert.Single(finished.Sources);
        Assert.Equal(TaskStage.Finished, source.Stage);
        Assert.Equal(TaskUnit.Load, source.Unit);
        Assert.Null(source.LastError);
        Assert.Null(source.Sync);
        Assert.NotNull(source.Load);
        Assert.True(source.Load.TotalBytes > 0 && source.Load.FinishedBytes == source.Load.TotalBytes, Describe(finished));
        Assert.Equal(100, source.Load.Progress);
        Assert.Equal(300, await CountAsync(servers.Target, schema));
        Assert.False(await supervisor.PauseAsync(TestContext.Current.CancellationToken));
        Assert.False(await supervisor.ResumeAsync(TestContext.Current.CancellationToken));
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task A_task_whose_target_refuses_is_paused_with_the_error_and_its_code()
    {
        const string schema = "sup_refused";
        const string meta = "dm_meta_sup_refused";
        await PrepareAsync(servers, schema, meta, 10);
        // A login with no privilege at all: the target refuses the meta schema and the tables.
        await servers.Target.ExecuteAsync(
            "DROP USER IF EXISTS 'sup_refused'@'%'; CREATE USER 'sup_refused'@'%' IDENTIFIED BY 'sup-refused-pw'", TestContext.Current.CancellationToken);
        var dataDir = Directory.CreateTempSubdirectory("sluice-sup-refused-").FullName;
        var target = new DatabaseEndpoint { Host = servers.Target.Host, Port = servers.Target.Port, User = "sup_refused", Password = "sup-refused-pw" };
        var supervisor = new TaskSupervisor("sup_refused");

        Assert.True(supervisor.Start(Task(servers, "sup_refused", schema, meta, TaskMode.All, dataDir, target), new StartOptions()));
        var paused = await UntilAsync(supervisor, "the task paused by the refusal", s => s.Stage is not TaskStage.Running);

        Assert.Equal(TaskStage.Paused, paused.Stage);
        var source = Assert.Single(paused.Sources);
        Assert.Equal(TaskStage.Paused, source.Stage);
        Assert.Equal(TaskUnit.Load, source.Unit);
        var error = source.LastError;
        Assert.NotNull(error);
        Assert.Equal(1044, error.MySqlErrorCode); // ER_DBACCESS_DENIED_ERROR
        Assert.Equal(TaskError.DbExecuteFailed, error.Code);
        Assert.Contains("sup_refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("grant", error.Workaround, StringComparison.Ordinal);
        Assert.Equal(-1, await CountAsync(servers.Target, schema));

        Assert.True(await supervisor.StopAsync(TestContext.Current.CancellationToken));
        Assert.Equal(TaskStage.Stopped, supervisor.Snapshot().Stage);
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task A_ddl_the_target_refuses_pauses_the_task_until_the_target_is_fixed_and_it_resumes()
    {
        const string schema = "sup_ddl";
        const string meta = "dm_meta_sup_ddl";
        await PrepareAsync(servers, schema, meta, 10);
        var dataDir = Directory.CreateTempSubdirectory("sluice-sup-ddl-").FullName;
        var supervisor = new TaskSupervisor("sup_ddl");
        var cancellationToken = TestContext.Current.CancellationToken;

        // No safe mode after the start: a replayed DDL's "already exists" is then a refusal, not a replay.
        Assert.True(supervisor.Start(Task(servers, "sup_ddl", schema, meta, TaskMode.All, dataDir), new StartOptions { SafeModeDuration = TimeSpan.Zero }));
        await UntilAsync(supervisor, "syncing", async s => s.Sources[0].Unit == TaskUnit.Sync && await CountAsync(servers.Target, schema) == 10);
        await servers.Target.ExecuteAsync($"CREATE TABLE `{schema}`.`u` (`id` INT PRIMARY KEY, `w` INT)", cancellationToken);
        await servers.Source.ExecuteAsync($"CREATE TABLE `{schema}`.`u` (`id` INT PRIMARY KEY); INSERT INTO `{schema}`.`u` VALUES (1)", cancellationToken);

        var paused = await UntilAsync(supervisor, "the task paused by the refused DDL", s => s.Stage is not TaskStage.Running);
        Assert.Equal(TaskStage.Paused, paused.Stage);
        var error = paused.Sources[0].LastError;
        Assert.NotNull(error);
        Assert.Equal(TaskUnit.Sync, paused.Sources[0].Unit);
        Assert.Equal(1050, error.MySqlErrorCode); // ER_TABLE_EXISTS_ERROR
        Assert.Equal(TaskError.DbExecuteFailed, error.Code);
        Assert.Contains("skip", error.Workaround, StringComparison.Ordinal);

        await servers.Target.ExecuteAsync($"DROP TABLE `{schema}`.`u`", cancellationToken);
        Assert.True(await supervisor.ResumeAsync(cancellationToken));
        var resumed = supervisor.Snapshot();
        Assert.Equal(TaskStage.Running, resumed.Stage);
        Assert.Null(resumed.Sources[0].LastError);
        await UntilAsync(supervisor, "the DDL and its row applied after the resume", async _ =>
            Convert.ToInt64(await servers.Target.ScalarAsync(
                $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{schema}' AND TABLE_NAME = 'u'", cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1
            && await servers.Target.ChecksumAsync($"`{schema}`.`u`", cancellationToken) == await servers.Source.ChecksumAsync($"`{schema}`.`u`", cancellationToken));
        Assert.True(await supervisor.StopAsync(cancellationToken));
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task A_transient_failure_is_the_last_error_while_the_task_keeps_running()
    {
        const string schema = "sup_transient";
        const string meta = "dm_meta_sup_transient";
        await PrepareAsync(servers, schema, meta, 10);
        var cancellationToken = TestContext.Current.CancellationToken;
        // A login of its own, so that killing its connections touches no other test.
        await servers.Target.ExecuteAsync(
            "DROP USER IF EXISTS 'sup_transient'@'%'; CREATE USER 'sup_transient'@'%' IDENTIFIED BY 'sup-transient-pw'; GRANT ALL PRIVILEGES ON *.* TO 'sup_transient'@'%'",
            cancellationToken);
        var dataDir = Directory.CreateTempSubdirectory("sluice-sup-transient-").FullName;
        var target = new DatabaseEndpoint { Host = servers.Target.Host, Port = servers.Target.Port, User = "sup_transient", Password = "sup-transient-pw" };
        var supervisor = new TaskSupervisor("sup_transient");

        Assert.True(supervisor.Start(Task(servers, "sup_transient", schema, meta, TaskMode.All, dataDir, target), new StartOptions()));
        await UntilAsync(supervisor, "syncing", async s => s.Sources[0].Unit == TaskUnit.Sync && await CountAsync(servers.Target, schema) == 10);
        await KillConnectionsAsync("sup_transient");
        await InsertAsync(servers.Source, schema, 11, 20);

        var recovered = await UntilAsync(supervisor, "the lost connections met, and the rows synced after all", async s =>
            s.Stage != TaskStage.Running || (s.Sources[0].LastError is not null && await CountAsync(servers.Target, schema) == 20));
        Assert.Equal(TaskStage.Running, recovered.Stage);
        Assert.Equal(TaskStage.Running, recovered.Sources[0].Stage);
        Assert.NotNull(recovered.Sources[0].LastError);
        Assert.True(await supervisor.StopAsync(cancellationToken));
        Assert.Equal(TaskStage.Stopped, supervisor.Snapshot().Stage);
        Directory.Delete(dataDir, recursive: true);
    }

    private async Task KillConnectionsAsync(string user)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = await servers.Target.OpenConnectionAsync(cancellationToken);
        var ids = new List<long>();
        await using (var command = new MySqlConnector.MySqlCommand("SELECT `ID` FROM information_schema.PROCESSLIST WHERE `USER` = @user", connection))
        {
            command.Parameters.AddWithValue("@user", user);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                ids.Add(reader.GetInt64(0));
        }

        Assert.NotEmpty(ids);
        foreach (var id in ids)
        {
            await using var kill = new MySqlConnector.MySqlCommand(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"KILL CONNECTION {id}"), connection);
            await kill.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    [Fact]
    public async Task Remove_meta_drops_the_checkpoints_and_starts_the_task_over()
    {
        const string schema = "sup_remove";
        const string meta = "dm_meta_sup_remove";
        const string checkpoint = $"`{meta}`.`sup_remove_syncer_checkpoint`";
        await PrepareAsync(servers, schema, meta, 50);
        var dataDir = Directory.CreateTempSubdirectory("sluice-sup-remove-").FullName;
        var task = Task(servers, "sup_remove", schema, meta, TaskMode.All, dataDir);
        var supervisor = new TaskSupervisor("sup_remove");
        var cancellationToken = TestContext.Current.CancellationToken;

        Assert.True(supervisor.Start(task, new StartOptions()));
        await UntilAsync(supervisor, "the first run syncing", async s =>
            s.Sources[0].Unit == TaskUnit.Sync && await CountAsync(servers.Target, schema) == 50);
        Assert.True(await supervisor.StopAsync(cancellationToken));
        // A row the checkpoint table only keeps if it is not dropped, and a target row only a new load brings back.
        await servers.Target.ExecuteAsync(
            $"INSERT INTO {checkpoint} (`id`, `cp_schema`, `cp_table`, `table_info`, `is_global`) VALUES ('marker', '', '', '{{}}', 0); DELETE FROM `{schema}`.`t` WHERE `id` = 1",
            cancellationToken);

        Assert.True(supervisor.Start(task, new StartOptions { RemoveMeta = true }));
        await UntilAsync(supervisor, "the task started over: loaded again, its checkpoint table new", async s =>
            s.Sources[0].Unit == TaskUnit.Sync && await CountAsync(servers.Target, schema) == 50 && await CheckpointRowsAsync(checkpoint, "source-1") > 0);

        Assert.Equal(0, await CheckpointRowsAsync(checkpoint, "marker"));
        Assert.Equal(1L, Convert.ToInt64(await servers.Target.ScalarAsync($"SELECT COUNT(*) FROM `{schema}`.`t` WHERE `id` = 1", cancellationToken), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(await supervisor.StopAsync(cancellationToken));
        Directory.Delete(dataDir, recursive: true);
    }

    private async Task<long> CheckpointRowsAsync(string table, string id)
    {
        try
        {
            return Convert.ToInt64(
                await servers.Target.ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE `id` = '{id}'", TestContext.Current.CancellationToken),
                System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (MySqlConnector.MySqlException e) when (e.ErrorCode is MySqlConnector.MySqlErrorCode.NoSuchTable)
        {
            return -1;
        }
    }
}
