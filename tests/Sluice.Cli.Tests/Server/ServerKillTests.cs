using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Server;

/// <summary>
/// <c>sluice server</c> killed with SIGKILL while a task replicates, then started again on the same data directory:
/// the task comes back by itself from its checkpoints and the target converges to the source, no row lost or doubled.
/// </summary>
public sealed class ServerKillTests(MariaDbServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kill_9_while_a_task_syncs_then_a_restart_resumes_it_and_the_target_converges()
    {
        const string schema = "srv_kill";
        await servers.Source.ExecuteAsync(
            $"DROP DATABASE IF EXISTS {schema}; CREATE DATABASE {schema}; CREATE TABLE {schema}.t (id INT PRIMARY KEY, v VARCHAR(40)); " +
            $"INSERT INTO {schema}.t SELECT seq, CONCAT('seed-', seq) FROM {schema}.seq_1_to_500");
        await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS {schema}; DROP DATABASE IF EXISTS dm_meta_srv_kill");
        var dataDirectory = Directory.CreateTempSubdirectory("sluice-server-kill-").FullName;

        using var stopWriting = new CancellationTokenSource();
        Task? writer = null;
        var first = StartServer(dataDirectory);
        try
        {
            var api = await ClientAsync(first);
            await PostAsync(api, "/api/v1/sources", $$"""
                {"source_name": "kill-src", "host": "{{servers.Source.Host}}", "port": {{servers.Source.Port}}, "user": "{{servers.Source.User}}",
                 "password": {{JsonSerializer.Serialize(servers.Source.Password)}}, "enable": true, "enable_gtid": true}
                """, HttpStatusCode.Created);
            await PostAsync(api, "/api/v1/tasks", $$"""
                {"task": {"name": "srv_kill", "task_mode": "all", "meta_schema": "dm_meta_srv_kill", "enhance_online_schema_change": false,
                  "on_duplicate": "replace",
                  "target_config": {"host": "{{servers.Target.Host}}", "port": {{servers.Target.Port}}, "user": "{{servers.Target.User}}",
                                    "password": {{JsonSerializer.Serialize(servers.Target.Password)}} },
                  "table_migrate_rule": [{"source": {"source_name": "kill-src", "schema": "{{schema}}", "table": "*" } }],
                  "source_config": {"source_conf": [{"source_name": "kill-src" }], "incr_migrate_conf": {"repl_threads": 4, "repl_batch": 50 } } } }
                """, HttpStatusCode.Created);
            await PostAsync(api, "/api/v1/tasks/srv_kill/start", "{}", HttpStatusCode.OK);
            await WaitForAsync(api, first, async () => (await StatusAsync(api)).Contains("\"unit\":\"sync\"", StringComparison.Ordinal), "the task to reach the sync unit");

            // Inserts, updates and deletes keep committing while the server dies and comes back.
            writer = Task.Run(() => WriteAsync(schema, stopWriting.Token), CancellationToken.None);
            await WaitForAsync(api, first, async () => await TargetMaxIdAsync(schema) > 10_050, "rows written after the load to arrive");
            first.KillHard();
            await first.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            first.Dispose();
        }

        using var second = StartServer(dataDirectory);
        try
        {
            var api = await ClientAsync(second);
            await Task.Delay(2000, Ct); // more changes land while the restarted task catches up
            await stopWriting.CancelAsync();
            await writer!;

            var expected = await servers.Source.ChecksumAsync($"{schema}.t");
            await WaitForAsync(api, second, async () => await servers.Target.ChecksumAsync($"{schema}.t") == expected, "the target to converge after the restart");
            var status = await StatusAsync(api);
            Assert.Contains("\"stage\":\"Running\"", status, StringComparison.Ordinal);
            Assert.Equal(
                Convert.ToInt64(await servers.Source.ScalarAsync($"SELECT COUNT(*) FROM {schema}.t"), CultureInfo.InvariantCulture),
                await TargetRowsAsync(schema));
            second.Interrupt();
            var (exitCode, _, stderr) = await second.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, stderr);
        }
        finally
        {
            await stopWriting.CancelAsync();
            if (writer is not null)
                await writer.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    private static CliProcess StartServer(string dataDirectory) =>
        CliProcess.Start("server", "--data-dir", dataDirectory, "--addr", "127.0.0.1:0");

    private static async Task<HttpClient> ClientAsync(CliProcess server)
    {
        await server.WaitUntilAsync(() => Task.FromResult(server.StdoutSoFar.Contains("listening on ", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        var address = new Uri(Regex.Match(server.StdoutSoFar, @"listening on (\S+)").Groups[1].Value);
        return new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    private static async Task PostAsync(HttpClient api, string path, string json, HttpStatusCode expected)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await api.PostAsync(path, content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {text}");
    }

    private static async Task<string> StatusAsync(HttpClient api) =>
        await api.GetStringAsync("/api/v1/tasks/srv_kill/status", Ct);

    private async Task<long> TargetRowsAsync(string schema) =>
        Convert.ToInt64(await servers.Target.ScalarAsync($"SELECT COUNT(*) FROM {schema}.t"), CultureInfo.InvariantCulture);

    private async Task<long> TargetMaxIdAsync(string schema)
    {
        try
        {
            return Convert.ToInt64(await servers.Target.ScalarAsync($"SELECT COALESCE(MAX(id), 0) FROM {schema}.t"), CultureInfo.InvariantCulture);
        }
        catch (MySqlConnector.MySqlException)
        {
            return 0; // not loaded yet
        }
    }

    private async Task WriteAsync(string schema, CancellationToken stop)
    {
        var random = new Random(20261126);
        var next = 10_000;
        while (!stop.IsCancellationRequested)
        {
            var id = random.Next(1, 500);
            await servers.Source.ExecuteAsync(
                $"INSERT INTO {schema}.t VALUES ({next}, 'new-{next}'); UPDATE {schema}.t SET v = CONCAT(v, '+') WHERE id = {id}; " +
                $"DELETE FROM {schema}.t WHERE id = {next - 7}", CancellationToken.None);
            next++;
            await Task.Delay(5, CancellationToken.None);
        }
    }

    /// <summary>Polls <paramref name="condition"/> for up to three minutes; fails with the task's status when it never holds.</summary>
    private static async Task WaitForAsync(HttpClient api, CliProcess server, Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
                Assert.Fail($"the server exited waiting for {what}: {(await server.WaitAsync(TimeSpan.FromSeconds(5))).Stderr}");
            if (await condition())
                return;
            await Task.Delay(200, Ct);
        }

        Assert.Fail($"waited 3 minutes for {what}; status: {await StatusAsync(api)}");
    }
}
