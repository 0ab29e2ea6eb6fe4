using System.Net;
using System.Text.Json;
using Sluice.Testing;

namespace Sluice.Server.Tests.Tasks;

/// <summary>
/// GET /api/v1/tasks/{task}/sources/{source}/migrate_targets against the real source: the tables the task's rules
/// select, routed, narrowed by schema_pattern and table_pattern; DM's errors for a task or source it cannot answer for.
/// </summary>
public sealed class MigrateTargetsTests(MariaDbServers servers)
{
    private const string Task = "mt-task";
    private const string Source = "mt-source";
    private static readonly string[] s_schemas = ["mt_shard_01", "mt_shard_02", "mt_plain", "mt_ignored"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_the_selected_tables_routed_and_narrowed_by_the_patterns()
    {
        await using var host = await StartWithTaskAsync();
        try
        {
            Assert.Equal(
                [
                    "mt_plain.user_x -> mt_plain.user_x",
                    "mt_plain.users -> mt_plain.users",
                    "mt_shard_01.order_items -> mt_merged.order_items",
                    "mt_shard_01.orders -> mt_merged.orders_all",
                    "mt_shard_02.orders -> mt_merged.orders_all",
                ],
                await TargetsAsync(host, ""));
            Assert.Equal(
                ["mt_shard_01.order_items -> mt_merged.order_items", "mt_shard_01.orders -> mt_merged.orders_all", "mt_shard_02.orders -> mt_merged.orders_all"],
                await TargetsAsync(host, "?schema_pattern=mt_shard_0%3F"));
            Assert.Equal(
                ["mt_shard_01.order_items -> mt_merged.order_items", "mt_shard_01.orders -> mt_merged.orders_all", "mt_shard_02.orders -> mt_merged.orders_all"],
                await TargetsAsync(host, "?table_pattern=order*"));
            Assert.Equal(
                ["mt_shard_01.orders -> mt_merged.orders_all", "mt_shard_02.orders -> mt_merged.orders_all"],
                await TargetsAsync(host, "?schema_pattern=mt_shard_*&table_pattern=orders"));
            Assert.Equal(["mt_plain.users -> mt_plain.users"], await TargetsAsync(host, "?schema_pattern=mt_plain&table_pattern=user%3F"));

            // The task is case-insensitive (DM's default), and so are the patterns.
            Assert.Equal(["mt_shard_02.orders -> mt_merged.orders_all"], await TargetsAsync(host, "?schema_pattern=MT_SHARD_02&table_pattern=ORDERS"));

            // A table the rules do not select stays out whatever the patterns say.
            Assert.Empty(await TargetsAsync(host, "?schema_pattern=mt_ignored"));
            Assert.Empty(await TargetsAsync(host, "?schema_pattern=mt_shard_02&table_pattern=logs"));
        }
        finally
        {
            await DropSchemasAsync();
        }
    }

    [Fact]
    public async Task A_table_created_later_is_listed()
    {
        await using var host = await StartWithTaskAsync();
        try
        {
            Assert.Empty(await TargetsAsync(host, "?table_pattern=user_new"));
            await servers.Source.ExecuteAsync("CREATE TABLE `mt_plain`.`user_new` (`id` INT PRIMARY KEY)", Ct);
            Assert.Equal(["mt_plain.user_new -> mt_plain.user_new"], await TargetsAsync(host, "?table_pattern=user_new"));
        }
        finally
        {
            await DropSchemasAsync();
        }
    }

    [Fact]
    public async Task Unknown_task_unused_source_and_bad_pattern_are_400_with_dm_codes()
    {
        await using var host = await StartWithTaskAsync();
        await DropSchemasAsync();
        await host.CreateSourceAsync("mt-unused", servers.Source, Ct);

        using (var response = await host.Client.GetAsync($"/api/v1/tasks/no-such-task/sources/{Source}/migrate_targets", Ct))
            await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 46018, Ct);
        using (var response = await host.Client.GetAsync($"/api/v1/tasks/{Task}/sources/mt-unused/migrate_targets", Ct))
            await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 46034, Ct);
        using (var response = await host.Client.GetAsync($"/api/v1/tasks/{Task}/sources/no-such-source/migrate_targets", Ct))
            await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 46034, Ct);
        using (var response = await host.Client.GetAsync($"/api/v1/tasks/{Task}/sources/{Source}/migrate_targets?schema_pattern=~(", Ct))
            await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 49001, Ct);
    }

    private async Task<ServerHost> StartWithTaskAsync()
    {
        await DropSchemasAsync();
        await servers.Source.ExecuteAsync(
            """
            CREATE DATABASE `mt_shard_01`; CREATE DATABASE `mt_shard_02`; CREATE DATABASE `mt_plain`; CREATE DATABASE `mt_ignored`;
            CREATE TABLE `mt_shard_01`.`orders` (`id` INT PRIMARY KEY, `v` VARCHAR(20));
            CREATE TABLE `mt_shard_01`.`order_items` (`id` INT PRIMARY KEY, `order_id` INT);
            CREATE TABLE `mt_shard_02`.`orders` (`id` INT PRIMARY KEY, `v` VARCHAR(20));
            CREATE TABLE `mt_shard_02`.`logs` (`id` INT PRIMARY KEY);
            CREATE TABLE `mt_plain`.`users` (`id` INT PRIMARY KEY);
            CREATE TABLE `mt_plain`.`user_x` (`id` INT PRIMARY KEY);
            CREATE VIEW `mt_plain`.`users_view` AS SELECT `id` FROM `mt_plain`.`users`;
            CREATE TABLE `mt_ignored`.`t` (`id` INT PRIMARY KEY);
            """, Ct);

        var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync(Source, servers.Source, Ct);
        var body = $$"""
            {
              "task": {
                "name": "{{Task}}",
                "task_mode": "full",
                "meta_schema": "mt_meta",
                "on_duplicate": "replace",
                "enhance_online_schema_change": false,
                "target_config": {{TaskKit.TargetConfig(servers)}},
                "table_migrate_rule": [
                  { "source": { "source_name": "{{Source}}", "schema": "mt_shard_*", "table": "orders" }, "target": { "schema": "mt_merged", "table": "orders_all" } },
                  { "source": { "source_name": "{{Source}}", "schema": "mt_shard_*", "table": "order_items" }, "target": { "schema": "mt_merged" } },
                  { "source": { "source_name": "{{Source}}", "schema": "mt_plain", "table": "*" } }
                ],
                "source_config": { "source_conf": [ { "source_name": "{{Source}}" } ] }
              }
            }
            """;
        await TaskKit.CreateTaskAsync(host, body);
        return host;
    }

    private static async Task<List<string>> TargetsAsync(ServerHost host, string query)
    {
        using var response = await host.Client.GetAsync($"/api/v1/tasks/{Task}/sources/{Source}/migrate_targets{query}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {text}");
        var body = JsonDocument.Parse(text).RootElement;
        var data = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(data.Count, body.GetProperty("total").GetInt32());
        Assert.All(data, target => Assert.Equal(4, target.EnumerateObject().Count()));
        return [.. data.Select(t => $"{t.GetProperty("source_schema").GetString()}.{t.GetProperty("source_table").GetString()} -> {t.GetProperty("target_schema").GetString()}.{t.GetProperty("target_table").GetString()}")];
    }

    private async Task DropSchemasAsync() =>
        await servers.Source.ExecuteAsync(string.Join("; ", s_schemas.Select(schema => $"DROP DATABASE IF EXISTS `{schema}`")), Ct);
}
