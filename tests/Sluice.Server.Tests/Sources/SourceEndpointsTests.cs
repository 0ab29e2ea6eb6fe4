using System.Net;
using System.Text.Json;
using Sluice.Testing;

namespace Sluice.Server.Tests.Sources;

public sealed class SourceEndpointsTests(MariaDbServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_with_the_doc_body_connects_detects_mariadb_and_masks_the_password()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", ServerHost.DocCreateSourceBody("mysql-01", servers.Source), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ServerHost.JsonAsync(response, Ct);
        Assert.Equal("mysql-01", body.GetProperty("source_name").GetString());
        Assert.Equal(servers.Source.Port, body.GetProperty("port").GetInt32());
        Assert.Equal("mariadb", body.GetProperty("flavor").GetString());
        Assert.Equal("******", body.GetProperty("password").GetString());
        Assert.True(body.GetProperty("enable").GetBoolean());
        Assert.False(body.TryGetProperty("security", out _));
        Assert.Equal(3600, body.GetProperty("purge").GetProperty("interval").GetInt64());
    }

    [Fact]
    public async Task Create_accepts_the_spec_wrapped_request_with_this_worker()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var json = $$"""{"source": {{ServerHost.DocCreateSourceBody("wrapped", servers.Source)}}, "worker_name": "worker1"}""";
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", json, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("wrapped", (await ServerHost.JsonAsync(response, Ct)).GetProperty("source_name").GetString());
    }

    [Fact]
    public async Task Create_for_another_worker_is_400()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var json = $$"""{"source": {{ServerHost.DocCreateSourceBody("elsewhere", servers.Source)}}, "worker_name": "worker-9"}""";
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", json, Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 46004, Ct);
    }

    [Fact]
    public async Task Create_with_enable_gtid_on_mariadb_is_accepted()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var json = ServerHost.DocCreateSourceBody("gtid", servers.Source).Replace("\"enable_gtid\": false", "\"enable_gtid\": true", StringComparison.Ordinal);
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", json, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True((await ServerHost.JsonAsync(response, Ct)).GetProperty("enable_gtid").GetBoolean());
    }

    [Fact]
    public async Task Create_with_a_wrong_password_is_400_with_the_mysql_error()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", ServerHost.DocCreateSourceBody("bad", servers.Source, "not-the-password"), Ct);
        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 10001, Ct);
        Assert.Contains("Access denied", error.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
        using var list = await host.Client.GetAsync("/api/v1/sources", Ct);
        Assert.Equal(0, (await ServerHost.JsonAsync(list, Ct)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Create_with_an_unreachable_host_is_400()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var json = ServerHost.DocCreateSourceBody("nowhere", servers.Source).Replace($"\"port\": {servers.Source.Port}", "\"port\": 1", StringComparison.Ordinal);
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", json, Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 10001, Ct);
    }

    [Fact]
    public async Task Create_of_an_existing_name_is_400()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", ServerHost.DocCreateSourceBody("mysql-01", servers.Source), Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 46007, Ct);
    }

    [Fact]
    public async Task Create_with_relay_enabled_is_400_saying_relay_is_not_supported()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var json = ServerHost.DocCreateSourceBody("relay", servers.Source).Replace("\"purge\":", "\"relay_config\": {\"enable_relay\": true}, \"purge\":", StringComparison.Ordinal);
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", json, Ct);
        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 40040, Ct);
        Assert.Contains("relay log is not supported yet", error.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_and_list_with_and_without_status()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        await host.CreateSourceAsync("mysql-02", servers.Source, Ct);

        using (var plain = await host.Client.GetAsync("/api/v1/sources/mysql-02", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            var body = await ServerHost.JsonAsync(plain, Ct);
            Assert.Equal("mysql-02", body.GetProperty("source_name").GetString());
            Assert.Equal("******", body.GetProperty("password").GetString());
            Assert.False(body.TryGetProperty("status_list", out _));
            Assert.Empty(body.GetProperty("task_name_list").EnumerateArray());
        }

        using (var withStatus = await host.Client.GetAsync("/api/v1/sources/mysql-02?with_status=true", Ct))
        {
            var status = Assert.Single((await ServerHost.JsonAsync(withStatus, Ct)).GetProperty("status_list").EnumerateArray());
            Assert.Equal("mysql-02", status.GetProperty("source_name").GetString());
            Assert.Equal("worker1", status.GetProperty("worker_name").GetString());
            Assert.False(status.TryGetProperty("relay_status", out _));
        }

        using (var list = await host.Client.GetAsync("/api/v1/sources", Ct))
        {
            var body = await ServerHost.JsonAsync(list, Ct);
            Assert.Equal(2, body.GetProperty("total").GetInt32());
            Assert.Equal(["mysql-01", "mysql-02"], body.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("source_name").GetString()));
            Assert.All(body.GetProperty("data").EnumerateArray(), s => Assert.Equal("******", s.GetProperty("password").GetString()));
            Assert.All(body.GetProperty("data").EnumerateArray(), s => Assert.False(s.TryGetProperty("status_list", out _)));
        }

        using (var list = await host.Client.GetAsync("/api/v1/sources?with_status=true", Ct))
        {
            var data = (await ServerHost.JsonAsync(list, Ct)).GetProperty("data").EnumerateArray().ToList();
            Assert.All(data, s => Assert.Equal("worker1", s.GetProperty("status_list")[0].GetProperty("worker_name").GetString()));
        }

        using (var relayOnly = await host.Client.GetAsync("/api/v1/sources?enable_relay=true", Ct))
            Assert.Equal(0, (await ServerHost.JsonAsync(relayOnly, Ct)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Get_of_a_missing_source_is_404_with_the_error_shape()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using var response = await host.Client.GetAsync("/api/v1/sources/absent", Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.NotFound, 46008, Ct);
    }

    [Theory]
    [InlineData("PUT", "/api/v1/sources/absent")]
    [InlineData("DELETE", "/api/v1/sources/absent")]
    [InlineData("GET", "/api/v1/sources/absent/status")]
    [InlineData("POST", "/api/v1/sources/absent/enable")]
    [InlineData("POST", "/api/v1/sources/absent/disable")]
    [InlineData("POST", "/api/v1/sources/absent/transfer")]
    [InlineData("GET", "/api/v1/sources/absent/schemas")]
    [InlineData("GET", "/api/v1/sources/absent/schemas/db1")]
    public async Task Operations_on_a_missing_source_are_400_source_not_exist(string method, string path)
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using var response = await host.SendJsonAsync(new HttpMethod(method), path, """{"worker_name": "worker1"}""", Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 46008, Ct);
    }

    [Fact]
    public async Task Update_replaces_the_source_and_a_masked_password_keeps_the_stored_one()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        var json = $$"""
            {"source": {"source_name": "mysql-01", "host": "{{servers.Source.Host}}", "port": {{servers.Source.Port}},
             "user": "{{servers.Source.User}}", "password": "******", "enable": false, "enable_gtid": true, "flavor": "mysql",
             "task_name_list": ["task1"], "purge": {"interval": 60, "expires": 1, "remain_space": 5} } }
            """;
        using var response = await host.SendJsonAsync(HttpMethod.Put, "/api/v1/sources/mysql-01", json, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var body = await ServerHost.JsonAsync(response, Ct);
        Assert.Equal("******", body.GetProperty("password").GetString());
        Assert.Equal("mariadb", body.GetProperty("flavor").GetString());

        using var get = await host.Client.GetAsync("/api/v1/sources/mysql-01", Ct);
        var stored = await ServerHost.JsonAsync(get, Ct);
        Assert.False(stored.GetProperty("enable").GetBoolean());
        Assert.True(stored.GetProperty("enable_gtid").GetBoolean());
        Assert.Equal(60, stored.GetProperty("purge").GetProperty("interval").GetInt64());

        // The stored password still works: listing schemas connects with it.
        using var schemas = await host.Client.GetAsync("/api/v1/sources/mysql-01/schemas", Ct);
        Assert.Equal(HttpStatusCode.OK, schemas.StatusCode);
    }

    [Fact]
    public async Task Update_with_a_wrong_password_is_400_and_keeps_the_source()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        var json = $$"""{"source": {{ServerHost.DocCreateSourceBody("mysql-01", servers.Source, "wrong").Replace("\"enable\": true", "\"enable\": false", StringComparison.Ordinal)}}}""";
        using var response = await host.SendJsonAsync(HttpMethod.Put, "/api/v1/sources/mysql-01", json, Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 10001, Ct);
        using var get = await host.Client.GetAsync("/api/v1/sources/mysql-01", Ct);
        Assert.True((await ServerHost.JsonAsync(get, Ct)).GetProperty("enable").GetBoolean());
    }

    [Fact]
    public async Task Update_with_another_name_in_the_body_is_400()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        var json = $$"""{"source": {{ServerHost.DocCreateSourceBody("mysql-99", servers.Source)}}}""";
        using var response = await host.SendJsonAsync(HttpMethod.Put, "/api/v1/sources/mysql-01", json, Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 49001, Ct);
    }

    [Fact]
    public async Task Disable_and_enable_flip_enable()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);

        using (var disable = await host.Client.PostAsync("/api/v1/sources/mysql-01/disable", null, Ct))
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.False(await EnableAsync());

        using (var enable = await host.Client.PostAsync("/api/v1/sources/mysql-01/enable", null, Ct))
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        Assert.True(await EnableAsync());

        async Task<bool> EnableAsync()
        {
            using var get = await host.Client.GetAsync("/api/v1/sources/mysql-01", Ct);
            return (await ServerHost.JsonAsync(get, Ct)).GetProperty("enable").GetBoolean();
        }
    }

    [Fact]
    public async Task Delete_removes_the_source_and_answers_204()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        using (var delete = await host.Client.DeleteAsync("/api/v1/sources/mysql-01?force=true", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            Assert.Empty(await delete.Content.ReadAsByteArrayAsync(Ct));
        }

        using var get = await host.Client.GetAsync("/api/v1/sources/mysql-01", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);

        // The name is free again.
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
    }

    [Fact]
    public async Task Status_names_the_worker()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-replica-01", servers.Source, Ct);
        using var response = await host.Client.GetAsync("/api/v1/sources/mysql-replica-01/status", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ServerHost.JsonAsync(response, Ct);
        Assert.Equal(1, body.GetProperty("total").GetInt32());
        var status = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("mysql-replica-01", status.GetProperty("source_name").GetString());
        Assert.Equal("worker1", status.GetProperty("worker_name").GetString());
    }

    [Fact]
    public async Task Transfer_to_this_worker_is_200_and_to_another_is_400()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        using (var same = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources/mysql-01/transfer", """{"worker_name": "worker1"}""", Ct))
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        using var other = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources/mysql-01/transfer", """{"worker_name": "worker-2"}""", Ct);
        await ApiAssert.ErrorAsync(other, HttpStatusCode.BadRequest, 46004, Ct);
    }

    [Theory]
    [InlineData("relay/enable", """{"worker_name_list": ["worker1"]}""")]
    [InlineData("relay/disable", """{"worker_name_list": ["worker1"]}""")]
    [InlineData("relay/purge", """{"relay_binlog_name": "mysql-bin.000002"}""")]
    [InlineData("start-relay", """{"worker_name_list": ["worker1"]}""")]
    [InlineData("stop-relay", """{"worker_name_list": ["worker1"]}""")]
    [InlineData("pause-relay", "{}")]
    [InlineData("resume-relay", "{}")]
    public async Task Relay_operations_are_400_not_supported_yet(string operation, string json)
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        using var response = await host.SendJsonAsync(HttpMethod.Post, $"/api/v1/sources/mysql-01/{operation}", json, Ct);
        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 40040, Ct);
        Assert.Contains("relay log is not supported yet", error.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schemas_and_tables_list_what_the_source_holds()
    {
        const string schema = "server_src_schemas";
        await servers.Source.ExecuteAsync($"""
            DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`;
            CREATE TABLE `{schema}`.`orders` (id INT PRIMARY KEY); CREATE TABLE `{schema}`.`customers` (id INT PRIMARY KEY);
            CREATE VIEW `{schema}`.`order_ids` AS SELECT id FROM `{schema}`.`orders`;
            """, Ct);
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);

        using (var response = await host.Client.GetAsync("/api/v1/sources/mysql-01/schemas", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var names = (await ServerHost.JsonAsync(response, Ct)).EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Contains(schema, names);
            Assert.DoesNotContain("mysql", names);
            Assert.DoesNotContain("information_schema", names);
            Assert.DoesNotContain("performance_schema", names);
            Assert.DoesNotContain("sys", names);
        }

        using (var response = await host.Client.GetAsync($"/api/v1/sources/mysql-01/schemas/{schema}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["customers", "orders"], (await ServerHost.JsonAsync(response, Ct)).EnumerateArray().Select(e => e.GetString()));
        }

        using var missing = await host.Client.GetAsync("/api/v1/sources/mysql-01/schemas/server_src_no_such_schema", Ct);
        await ApiAssert.ErrorAsync(missing, HttpStatusCode.BadRequest, null, Ct);
    }

    [Fact]
    public async Task Sources_survive_a_restart_and_the_password_is_stored_sealed()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        await host.RestartAsync(Ct);

        using (var get = await host.Client.GetAsync("/api/v1/sources/mysql-01", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(servers.Source.Port, (await ServerHost.JsonAsync(get, Ct)).GetProperty("port").GetInt32());
        }

        // The sealed password opens after the restart: the source is still reachable.
        using (var schemas = await host.Client.GetAsync("/api/v1/sources/mysql-01/schemas", Ct))
            Assert.Equal(HttpStatusCode.OK, schemas.StatusCode);

        await host.Server.StopAsync(Ct);
        var files = Directory.GetFiles(host.DataDirectory, "meta.db*");
        Assert.NotEmpty(files);
        var stored = string.Concat(files.Select(f => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.Contains("mysql-01", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(servers.Source.Password, stored, StringComparison.Ordinal);
        Assert.Contains("sealed:v1:", stored, StringComparison.Ordinal);
    }
}
