using System.Net;
using Sluice.Testing;

namespace Sluice.Server.Tests.Tasks;

/// <summary>create-task's precheck against the real source: failures refuse the task, tables without a primary key warn.</summary>
public sealed class TaskPrecheckTests(MariaDbServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_table_without_a_primary_key_is_a_warning_in_check_result()
    {
        const string Schema = "srv_task_nopk";
        await servers.Source.ExecuteAsync($"DROP DATABASE IF EXISTS `{Schema}`; CREATE DATABASE `{Schema}`; CREATE TABLE `{Schema}`.`loose` (`v` INT)", Ct);
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("nopk-source", servers.Source, Ct);

        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks", TaskKit.TaskBody(servers, "nopktask", "nopk-source", Schema, "srv_task_nopk_meta"), Ct);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var checkResult = (await ServerHost.JsonAsync(response, Ct)).GetProperty("check_result").GetString()!;
        Assert.StartsWith("pre-check is passed", checkResult, StringComparison.Ordinal);
        Assert.Contains($"`{Schema}`.`loose` has no primary key", checkResult, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_user_without_replication_privileges_is_refused_with_every_missing_one()
    {
        const string User = "srv_task_noprivs";
        const string Password = "noprivs-secret";
        await servers.Source.ExecuteAsync($"DROP USER IF EXISTS '{User}'@'%'; CREATE USER '{User}'@'%' IDENTIFIED BY '{Password}'", Ct);
        await using var host = await ServerHost.StartAsync(Ct);
        var source = ServerHost.DocCreateSourceBody("noprivs-source", servers.Source, Password)
            .Replace($"\"user\": \"{servers.Source.User}\"", $"\"user\": \"{User}\"", StringComparison.Ordinal);
        using (var created = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", source, Ct))
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));

        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks", TaskKit.TaskBody(servers, "noprivtask", "noprivs-source", "srv_task_noprivs", "srv_task_noprivs_meta"), Ct);

        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 26005, Ct);
        var message = error.GetProperty("error_msg").GetString()!;
        Assert.Contains("REPLICATION SLAVE", message, StringComparison.Ordinal);
        Assert.Contains("REPLICATION CLIENT", message, StringComparison.Ordinal);
        Assert.Contains("SELECT", message, StringComparison.Ordinal);
        using var list = await host.Client.GetAsync("/api/v1/tasks", Ct);
        Assert.Equal(0, (await ServerHost.JsonAsync(list, Ct)).GetProperty("total").GetInt32());
    }
}
