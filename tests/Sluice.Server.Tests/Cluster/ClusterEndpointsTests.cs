using System.Net;
using Sluice.Testing;

namespace Sluice.Server.Tests.Cluster;

public sealed class ClusterEndpointsTests(MariaDbServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Masters_lists_this_process_as_the_alive_leader()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using var response = await host.Client.GetAsync("/api/v1/cluster/masters", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ServerHost.JsonAsync(response, Ct);
        Assert.Equal(1, body.GetProperty("total").GetInt32());
        var master = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("master1", master.GetProperty("name").GetString());
        Assert.True(master.GetProperty("alive").GetBoolean());
        Assert.True(master.GetProperty("leader").GetBoolean());
        Assert.Equal($"127.0.0.1:{host.Server.Addresses[0].Port}", master.GetProperty("addr").GetString());
    }

    [Fact]
    public async Task Workers_lists_worker1_free_then_bound_to_the_source()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var worker = await WorkerAsync();
        Assert.Equal("worker1", worker.GetProperty("name").GetString());
        Assert.Equal($"127.0.0.1:{host.Server.Addresses[0].Port}", worker.GetProperty("addr").GetString());
        Assert.Equal("free", worker.GetProperty("bound_stage").GetString());
        Assert.Equal("", worker.GetProperty("bound_source_name").GetString());

        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        worker = await WorkerAsync();
        Assert.Equal("bound", worker.GetProperty("bound_stage").GetString());
        Assert.Equal("mysql-01", worker.GetProperty("bound_source_name").GetString());

        async Task<System.Text.Json.JsonElement> WorkerAsync()
        {
            using var response = await host.Client.GetAsync("/api/v1/cluster/workers", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await ServerHost.JsonAsync(response, Ct);
            Assert.Equal(1, body.GetProperty("total").GetInt32());
            return Assert.Single(body.GetProperty("data").EnumerateArray());
        }
    }

    [Theory]
    [InlineData("/api/v1/cluster/masters/master1")]
    [InlineData("/api/v1/cluster/workers/worker1")]
    public async Task Offlining_the_embedded_node_is_400(string path)
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using var response = await host.Client.DeleteAsync(path, Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 38049, Ct);
    }

    [Fact]
    public async Task Info_gives_a_cluster_id_that_survives_a_restart_and_the_topology()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var first = await InfoAsync();
        var id = first.GetProperty("cluster_id").GetUInt64();
        Assert.NotEqual(0UL, id);
        var topology = first.GetProperty("topology");
        var master = Assert.Single(topology.GetProperty("master_topology_list").EnumerateArray());
        Assert.Equal("master1", master.GetProperty("name").GetString());
        Assert.Equal("127.0.0.1", master.GetProperty("host").GetString());
        Assert.Equal(host.Server.Addresses[0].Port, master.GetProperty("port").GetInt32());
        Assert.Equal("worker1", Assert.Single(topology.GetProperty("worker_topology_list").EnumerateArray()).GetProperty("name").GetString());

        await host.RestartAsync(Ct);
        Assert.Equal(id, (await InfoAsync()).GetProperty("cluster_id").GetUInt64());

        async Task<System.Text.Json.JsonElement> InfoAsync()
        {
            using var response = await host.Client.GetAsync("/api/v1/cluster/info", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await ServerHost.JsonAsync(response, Ct);
        }
    }
}
