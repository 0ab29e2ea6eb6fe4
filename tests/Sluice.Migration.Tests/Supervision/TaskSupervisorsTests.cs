using Sluice.Migration.Supervision;
using Sluice.Testing;
using static Sluice.Migration.Tests.Supervision.SupervisionKit;

namespace Sluice.Migration.Tests.Supervision;

/// <summary>The registry of supervisors: one per task name, kept while running, all stopped at shutdown.</summary>
public sealed class TaskSupervisorsTests(MariaDbServers servers)
{
    [Fact]
    public async Task One_supervisor_per_task_name_a_running_one_is_kept_and_stop_all_stops_it()
    {
        const string schema = "sup_registry";
        const string meta = "dm_meta_sup_registry";
        await PrepareAsync(servers, schema, meta, 5);
        var dataDir = Directory.CreateTempSubdirectory("sluice-sup-registry-").FullName;
        var registry = new TaskSupervisors();

        Assert.Null(registry.Get("sup_registry"));
        var supervisor = registry.GetOrAdd("sup_registry");
        Assert.Same(supervisor, registry.GetOrAdd("sup_registry"));
        Assert.Same(supervisor, registry.Get("sup_registry"));
        Assert.NotSame(supervisor, registry.GetOrAdd("Sup_Registry"));
        Assert.True(registry.Remove("Sup_Registry"));
        Assert.Equal(["sup_registry"], registry.Names);

        // Incremental from the source's end: runs until stopped.
        Assert.True(supervisor.Start(Task(servers, "sup_registry", schema, meta, TaskMode.Incremental, dataDir), new StartOptions()));
        Assert.Throws<ArgumentException>(() => supervisor.Start(Task(servers, "other", schema, meta, TaskMode.Incremental, dataDir), new StartOptions()));
        await UntilAsync(supervisor, "syncing", s => s.Sources[0].Sync is not null);
        Assert.False(registry.Remove("sup_registry"));

        await registry.StopAllAsync(TestContext.Current.CancellationToken);
        Assert.Equal(TaskStage.Stopped, supervisor.Snapshot().Stage);
        Assert.True(registry.Remove("sup_registry"));
        Assert.Null(registry.Get("sup_registry"));
        Assert.False(registry.Remove("sup_registry"));
        Directory.Delete(dataDir, recursive: true);
    }
}
