using System.Net;
using System.Text;
using Sluice.Testing;

namespace Sluice.Server.Tests.Errors;

/// <summary>Every failure is DM's <c>{"error_msg", "error_code"}</c> with a 4xx status.</summary>
public sealed class ErrorContractTests(MariaDbServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("{\"source_name\": \"a\", ")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    public async Task Malformed_json_is_400(string json)
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", json, Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 49001, Ct);
    }

    [Fact]
    public async Task A_wrong_type_is_400_naming_the_field()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var json = ServerHost.DocCreateSourceBody("typed", servers.Source).Replace($"\"port\": {servers.Source.Port}", $"\"port\": \"{servers.Source.Port}\"", StringComparison.Ordinal);
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", json, Ct);
        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 49001, Ct);
        Assert.Contains("port", error.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_field_is_400_naming_it()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var json = ServerHost.DocCreateSourceBody("partial", servers.Source).Replace($"\"host\": \"{servers.Source.Host}\",", "", StringComparison.Ordinal);
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", json, Ct);
        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 49001, Ct);
        Assert.Contains("host", error.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_field_is_400_naming_it()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var json = ServerHost.DocCreateSourceBody("unknown", servers.Source).Replace("\"enable\":", "\"enabel_gtid\": true, \"enable\":", StringComparison.Ordinal);
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", json, Ct);
        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 49001, Ct);
        Assert.Contains("enabel_gtid", error.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_for_a_required_string_is_400()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var json = ServerHost.DocCreateSourceBody("nulls", servers.Source).Replace($"\"user\": \"{servers.Source.User}\"", "\"user\": null", StringComparison.Ordinal);
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", json, Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 49001, Ct);
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_413()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var json = "{\"source_name\": \"" + new string('x', 1024 * 1024 + 16) + "\"}";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await host.Client.PostAsync("/api/v1/sources", content, Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, 49001, Ct);
    }

    [Theory]
    [InlineData("/api/v1/nothing")]
    [InlineData("/api/v1/sources/a/b/c/d")]
    [InlineData("/api/v1")]
    public async Task An_unknown_path_is_404(string path)
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using var response = await host.Client.GetAsync(path, Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.NotFound, 49001, Ct);
    }

    [Theory]
    [InlineData("PATCH", "/api/v1/sources")]
    [InlineData("DELETE", "/api/v1/sources")]
    [InlineData("GET", "/api/v1/sources/a/enable")]
    [InlineData("POST", "/api/v1/cluster/masters")]
    public async Task A_wrong_method_is_405(string method, string path)
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.MethodNotAllowed, 49001, Ct);
    }

    [Fact]
    public async Task A_query_parameter_of_the_wrong_type_is_400()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using var response = await host.Client.GetAsync("/api/v1/sources?with_status=maybe", Ct);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 49001, Ct);
    }

    [Fact]
    public async Task A_transfer_without_worker_name_is_400()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources/mysql-01/transfer", "{}", Ct);
        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 49001, Ct);
        Assert.Contains("worker_name", error.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
    }
}
