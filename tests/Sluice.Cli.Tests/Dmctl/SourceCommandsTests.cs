using System.Text.Json;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Dmctl;

/// <summary>operate-source and its aliases with several files, one of them refused by the server.</summary>
public sealed class SourceCommandsTests(MariaDbServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Several_source_files_are_created_each_error_reported_and_sources_shown_and_deleted_by_name()
    {
        var dir = Directory.CreateTempSubdirectory("sluice-dmctl-sources-").FullName;
        var good = Path.Combine(dir, "good.yaml");
        var wrongPassword = Path.Combine(dir, "wrong-password.yaml");
        var notYaml = Path.Combine(dir, "not-a-source.yaml");
        await File.WriteAllTextAsync(good, DmctlServer.SourceYaml("dmctl-src-good", servers.Source), Ct);
        await File.WriteAllTextAsync(wrongPassword, DmctlServer.SourceYaml("dmctl-src-bad", servers.Source)
            .Replace($"password: \"{servers.Source.Password}\"", "password: \"not-the-password\"", StringComparison.Ordinal), Ct);
        await File.WriteAllTextAsync(notYaml, "source-id: x\n", Ct);
        await using var server = await DmctlServer.StartAsync();

        var (exitCode, stdout, stderr) = await server.RunAsync("source", "create", good, wrongPassword, notYaml);

        Assert.Equal(1, exitCode);
        Assert.Contains("dmctl-src-good", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("dmctl-src-bad", stdout, StringComparison.Ordinal);
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.Matches(@"^error \d+: ", errors[0]);
        Assert.StartsWith("error: ", errors[1], StringComparison.Ordinal);
        Assert.Contains("from", errors[1], StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", stderr, StringComparison.Ordinal);

        var shown = await server.SucceedAsync("source", "show", "dmctl-src-good");
        Assert.Contains("dmctl-src-good", shown, StringComparison.Ordinal);
        Assert.Contains("mariadb", shown, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(await server.SucceedAsync("operate-source", "show", "--json")))
        {
            var source = Assert.Single(json.RootElement.GetProperty("data").EnumerateArray());
            Assert.Equal("******", source.GetProperty("password").GetString());
            Assert.False(string.IsNullOrEmpty(source.GetProperty("status_list")[0].GetProperty("worker_name").GetString()));
        }

        var missing = await server.RunAsync("source", "show", "dmctl-src-bad");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("source dmctl-src-bad does not exist", missing.Stderr, StringComparison.Ordinal);

        Assert.Contains("source dmctl-src-good removed", await server.SucceedAsync("source", "delete", "dmctl-src-good"), StringComparison.Ordinal);
        var again = await server.RunAsync("operate-source", "stop", "-s", "dmctl-src-good");
        Assert.Equal(1, again.ExitCode);
        Assert.Matches(@"^error \d+: .*dmctl-src-good", again.Stderr);
        Directory.Delete(dir, recursive: true);
    }
}
