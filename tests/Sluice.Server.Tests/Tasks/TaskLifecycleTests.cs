using System.Net;
using Sluice.Testing;

namespace Sluice.Server.Tests.Tasks;

/// <summary>A task run through the API over the real engine: start, pause, resume, stop, delete, and a server restart.</summary>
public sealed class TaskLifecycleTests(MariaDbServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_all_task_migrates_pauses_resumes_stops_and_its_delete_drops_the_meta_tables()
    {
        const string Schema = "srv_task_life";
        const string Meta = "srv_task_life_meta";
        const string Name = "srvlife";
        await TaskKit.PrepareAsync(servers, Schema, Meta, 10);
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("life-source", servers.Source, Ct);
        await TaskKit.CreateTaskAsync(host, TaskKit.TaskBody(servers, Name, "life-source", Schema, Meta));
        Assert.Equal("Stopped", TaskKit.Field(await TaskKit.StatusAsync(host, Name), "stage"));

        await TaskKit.OperateAsync(host, Name, "start", """{"remove_meta": false, "safe_mode_time_duration": "10s"}""");
        var status = await TaskKit.UntilAsync(host, Name, "the dump loaded and the sync unit running",
            async s => TaskKit.Field(s, "unit") == "sync" && await TaskKit.CountAsync(servers.Target, Schema) == 10);
        Assert.Equal("Running", TaskKit.Field(status, "stage"));
        Assert.Equal("worker1", TaskKit.Field(status, "worker_name"));
        Assert.Equal("life-source", TaskKit.Field(status, "source_name"));
        Assert.Equal(1, status.GetProperty("total").GetInt32());
        var sync = status.GetProperty("data")[0].GetProperty("sync_status");
        Assert.False(string.IsNullOrEmpty(sync.GetProperty("master_binlog").GetString()));

        await TaskKit.InsertAsync(servers.Source, Schema, 11, 20);
        await TaskKit.UntilAsync(host, Name, "rows 11-20 replicated", async _ => await TaskKit.CountAsync(servers.Target, Schema) == 20);

        // The older document's body: the task's sources as an array.
        await TaskKit.OperateAsync(host, Name, "pause", """["life-source"]""");
        Assert.Equal("Paused", TaskKit.Field(await TaskKit.StatusAsync(host, Name), "stage"));
        await TaskKit.InsertAsync(servers.Source, Schema, 21, 30);
        await TaskKit.OperateAsync(host, Name, "resume");
        await TaskKit.UntilAsync(host, Name, "rows written while paused replicated after resume",
            async s => TaskKit.Field(s, "stage") == "Running" && await TaskKit.CountAsync(servers.Target, Schema) == 30);

        await TaskKit.OperateAsync(host, Name, "stop");
        Assert.Equal("Stopped", TaskKit.Field(await TaskKit.StatusAsync(host, Name), "stage"));
        Assert.True(await TaskKit.MetaTablesAsync(servers, Meta, Name) > 0);

        using (var delete = await host.Client.DeleteAsync($"/api/v1/tasks/{Name}", Ct))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(0, await TaskKit.MetaTablesAsync(servers, Meta, Name));
        using var get = await host.Client.GetAsync($"/api/v1/tasks/{Name}", Ct);
        await ApiAssert.ErrorAsync(get, HttpStatusCode.NotFound, 46018, Ct);
    }

    [Fact]
    public async Task A_running_task_comes_back_after_a_restart_and_replicates_what_was_written_meanwhile()
    {
        const string Schema = "srv_task_restart";
        const string Meta = "srv_task_restart_meta";
        const string Name = "srvrestart";
        await TaskKit.PrepareAsync(servers, Schema, Meta, 10);
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("restart-source", servers.Source, Ct);
        await TaskKit.CreateTaskAsync(host, TaskKit.TaskBody(servers, Name, "restart-source", Schema, Meta));
        await TaskKit.OperateAsync(host, Name, "start");
        await TaskKit.UntilAsync(host, Name, "the sync unit running",
            async s => TaskKit.Field(s, "unit") == "sync" && await TaskKit.CountAsync(servers.Target, Schema) == 10);

        await host.RestartAsync(Ct, () => TaskKit.InsertAsync(servers.Source, Schema, 11, 25));

        await TaskKit.UntilAsync(host, Name, "the task running again by itself with the rows written while the server was down",
            async s => TaskKit.Field(s, "stage") == "Running" && await TaskKit.CountAsync(servers.Target, Schema) == 25);

        // A running task is not deleted without force; with force and keep_meta its checkpoints stay.
        using (var refused = await host.Client.DeleteAsync($"/api/v1/tasks/{Name}", Ct))
            await ApiAssert.ErrorAsync(refused, HttpStatusCode.BadRequest, 46015, Ct);
        using (var delete = await host.Client.DeleteAsync($"/api/v1/tasks/{Name}?force=true&keep_meta=true", Ct))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.True(await TaskKit.MetaTablesAsync(servers, Meta, Name) > 0);
        using var list = await host.Client.GetAsync("/api/v1/tasks", Ct);
        Assert.Equal(0, (await ServerHost.JsonAsync(list, Ct)).GetProperty("total").GetInt32());
    }
}
