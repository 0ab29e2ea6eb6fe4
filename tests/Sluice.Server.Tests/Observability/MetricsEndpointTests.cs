using System.Net;
using Sluice.Server.Tests.Tasks;
using Sluice.Testing;

namespace Sluice.Server.Tests.Observability;

/// <summary>/metrics in Prometheus's text format: HTTP request metrics, and a task's series from its live status.</summary>
public sealed class MetricsEndpointTests(MariaDbServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_task_metrics_are_valid_exposition_text_with_the_http_requests_counted_per_server()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await using var other = await ServerHost.StartAsync(Ct);
        using (var list = await host.Client.GetAsync("/api/v1/sources", Ct))
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using (var missing = await host.Client.GetAsync("/api/v1/sources/nosuch", Ct))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var (metrics, text) = await Scrape.OnceAsync(host);
        Assert.Equal("counter", metrics.Types["http_requests_received_total"]);
        Assert.Equal("histogram", metrics.Types["http_request_duration_seconds"]);
        Assert.Equal(1, metrics.Find("http_requests_received_total", ("code", "200"), ("method", "GET")).Sum(s => s.Value));
        Assert.Equal(1, metrics.Find("http_requests_received_total", ("code", "404"), ("method", "GET")).Sum(s => s.Value));
        Assert.Equal(2, metrics.Find("http_request_duration_seconds_count").Sum(s => s.Value));
        Assert.DoesNotContain(metrics.Samples, s => s.Name.StartsWith("sluice_", StringComparison.Ordinal));
        Assert.DoesNotContain("/metrics", text, StringComparison.Ordinal);

        // Each server has its own registry: the other one counted none of these.
        var (otherMetrics, _) = await Scrape.OnceAsync(other);
        Assert.Equal(0, otherMetrics.Find("http_requests_received_total").Sum(s => s.Value));
    }

    [Fact]
    public async Task A_running_task_has_stage_unit_progress_and_sync_series_with_its_labels_that_go_when_it_is_deleted()
    {
        const string Schema = "srv_metrics";
        const string Meta = "srv_metrics_meta";
        const string Name = "srvmetrics";
        const string Source = "metrics-source";
        await TaskKit.PrepareAsync(servers, Schema, Meta, 10);
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync(Source, servers.Source, Ct);
        await TaskKit.CreateTaskAsync(host, TaskKit.TaskBody(servers, Name, Source, Schema, Meta));
        await TaskKit.OperateAsync(host, Name, "start");
        await TaskKit.UntilAsync(host, Name, "the dump loaded and the sync unit running",
            async s => TaskKit.Field(s, "unit") == "sync" && await TaskKit.CountAsync(servers.Target, Schema) == 10);

        (string, string)[] labels = [("task", Name), ("source_id", Source)];
        var metrics = await Scrape.UntilAsync(host, "the sync unit's checkpoint and lag exported",
            m => m.Value("sluice_sync_binlog_pos_gap", labels) is not null && m.Value("sluice_replication_lag_seconds", labels) is not null);
        Assert.Equal(1, metrics.Value("sluice_task_stage", [.. labels, ("stage", "Running")]));
        foreach (var stage in (string[])["New", "Paused", "Stopped", "Finished"])
            Assert.Equal(0, metrics.Value("sluice_task_stage", [.. labels, ("stage", stage)]));
        Assert.Equal(1, metrics.Value("sluice_task_unit", [.. labels, ("unit", "sync")]));
        Assert.Equal(0, metrics.Value("sluice_task_unit", [.. labels, ("unit", "dump")]));
        Assert.Equal(10, metrics.Value("sluice_dump_finished_rows", labels));
        Assert.Equal(1, metrics.Value("sluice_dump_finished_tables", labels));
        Assert.Equal(1, metrics.Value("sluice_dump_total_tables", labels));
        var loaded = metrics.Value("sluice_load_finished_bytes", labels);
        Assert.True(loaded > 0, $"load finished bytes {loaded}");
        Assert.Equal(loaded, metrics.Value("sluice_load_total_bytes", labels));
        Assert.InRange(metrics.Value("sluice_replication_lag_seconds", labels)!.Value, 0, 3600);
        Assert.True(metrics.Value("sluice_sync_binlog_pos_gap", labels) >= 0);
        Assert.Contains(metrics.Value("sluice_sync_safe_mode", labels), new double?[] { 0, 1 });
        Assert.True(metrics.Value("sluice_sync_recent_tps", labels) >= 0);
        Assert.Equal("counter", metrics.Types["sluice_sync_events_total"]);
        var events = metrics.Value("sluice_sync_events_total", labels) ?? 0;

        await TaskKit.InsertAsync(servers.Source, Schema, 11, 30);
        metrics = await Scrape.UntilAsync(host, "the 20 inserted rows counted as events",
            m => m.Value("sluice_sync_events_total", labels) >= events + 20);
        Assert.True(metrics.Value("sluice_sync_transactions_total", labels) >= 1);
        Assert.Contains(metrics.Value("sluice_sync_synced", labels), new double?[] { 0, 1 });
        await TaskKit.UntilAsync(host, Name, "rows 11-30 replicated", async _ => await TaskKit.CountAsync(servers.Target, Schema) == 30);

        await TaskKit.OperateAsync(host, Name, "stop");
        (metrics, _) = await Scrape.OnceAsync(host);
        Assert.Equal(1, metrics.Value("sluice_task_stage", [.. labels, ("stage", "Stopped")]));
        Assert.Equal(0, metrics.Value("sluice_task_stage", [.. labels, ("stage", "Running")]));

        using (var delete = await host.Client.DeleteAsync($"/api/v1/tasks/{Name}", Ct))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var (afterDelete, text) = await Scrape.OnceAsync(host);
        Assert.DoesNotContain(afterDelete.Samples, s => s.Labels.TryGetValue("task", out var task) && task == Name);
        Assert.DoesNotContain(Name, text, StringComparison.Ordinal);
    }
}
