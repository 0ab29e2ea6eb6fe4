using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Server.Tests.Cluster;

/// <summary>PUT /api/v1/cluster/info keeps the topology it is given; GET answers it, after a restart too.</summary>
public sealed class ClusterInfoUpdateTests
{
    private const string Topology = """
        {
          "master_topology_list": [ { "name": "master-a", "host": "10.0.0.1", "port": 8261 }, { "name": "master-b", "host": "10.0.0.2", "port": 8261 } ],
          "worker_topology_list": [ { "name": "worker-a", "host": "10.0.0.3", "port": 8262 } ],
          "grafana_topology": { "host": "10.0.0.9", "port": 3000 },
          "prometheus_topology": { "host": "10.0.0.9", "port": 9090 },
          "alert_manager_topology": { "host": "10.0.0.9", "port": 9093 }
        }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Put_topology_is_what_get_answers_then_and_after_a_restart()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var id = (await GetAsync(host)).GetProperty("cluster_id").GetUInt64();

        using var put = await host.SendJsonAsync(HttpMethod.Put, "/api/v1/cluster/info", Topology, Ct);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync(Ct));
        var answered = await ServerHost.JsonAsync(put, Ct);
        Assert.Equal(id, answered.GetProperty("cluster_id").GetUInt64());
        AssertTopology(answered);

        AssertTopology(await GetAsync(host));
        await host.RestartAsync(Ct);
        var afterRestart = await GetAsync(host);
        Assert.Equal(id, afterRestart.GetProperty("cluster_id").GetUInt64());
        AssertTopology(afterRestart);
    }

    [Fact]
    public async Task A_second_put_replaces_the_first()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using (var first = await host.SendJsonAsync(HttpMethod.Put, "/api/v1/cluster/info", Topology, Ct))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await host.SendJsonAsync(HttpMethod.Put, "/api/v1/cluster/info", """{"worker_topology_list": [{"name": "w", "host": "h", "port": 1}]}""", Ct))
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var topology = (await GetAsync(host)).GetProperty("topology");
        Assert.Equal("""{"worker_topology_list":[{"name":"w","host":"h","port":1}]}""", topology.GetRawText());
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")] // what curl -d sends when no -H 'Content-Type' is given
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task The_body_is_read_whatever_content_type_the_client_sends(string? mediaType)
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Topology));
        if (mediaType is not null)
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        using var put = await host.Client.PutAsync("/api/v1/cluster/info", content, Ct);
        Assert.True(put.StatusCode == HttpStatusCode.OK, $"{(int)put.StatusCode}: {await put.Content.ReadAsStringAsync(Ct)}");
        AssertTopology(await GetAsync(host));
    }

    [Theory]
    [InlineData("""{"master_topology_list": [{"name": "m", "host": "h"}]}""")]
    [InlineData("""{"master_topology_list": [{"name": "m", "host": "h", "port": 70000}]}""")]
    [InlineData("""{"worker_topology_list": [{"name": "", "host": "h", "port": 1}]}""")]
    [InlineData("""{"grafana_topology": {"host": "", "port": 3000}}""")]
    [InlineData("""{"grafana": {"host": "h", "port": 3000}}""")]
    [InlineData("""[]""")]
    public async Task A_bad_topology_is_400_and_keeps_what_was_there(string body)
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var before = (await GetAsync(host)).GetProperty("topology").GetRawText();
        using var response = await host.SendJsonAsync(HttpMethod.Put, "/api/v1/cluster/info", body, Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 49001, Ct);
        Assert.Equal(before, (await GetAsync(host)).GetProperty("topology").GetRawText());
    }

    private static void AssertTopology(JsonElement info)
    {
        var expected = JsonNode.Parse(Topology)!;
        var actual = JsonNode.Parse(info.GetProperty("topology").GetRawText())!;
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}, got {actual.ToJsonString()}");
    }

    private static async Task<JsonElement> GetAsync(ServerHost host)
    {
        using var response = await host.Client.GetAsync("/api/v1/cluster/info", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ServerHost.JsonAsync(response, Ct);
    }
}
