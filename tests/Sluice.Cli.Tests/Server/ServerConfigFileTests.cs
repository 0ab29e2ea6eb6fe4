using System.Text.RegularExpressions;
using Sluice.Cli.Server;

namespace Sluice.Cli.Tests.Server;

public sealed class ServerConfigFileTests
{
    [Fact]
    public void A_dm_master_toml_is_read_with_its_key_names_and_the_keys_that_do_not_apply_are_listed()
    {
        var config = ServerConfigFile.Parse(
            """
            # dm-master.toml
            name = "master-a"
            master-addr = ":8261"
            advertise-addr = "10.0.0.1:8261"
            peer-urls = "http://127.0.0.1:8291"
            data-dir = "/var/lib/sluice"
            log-level = "debug"
            """,
            "dm-master.toml");

        Assert.Equal("master-a", config.Name);
        Assert.Equal(["127.0.0.1:8261"], config.Addresses);
        Assert.Equal("/var/lib/sluice", config.DataDir);
        Assert.Equal("debug", config.LogLevel);
        Assert.Equal(["advertise-addr", "peer-urls"], config.NotActedOn);
    }

    [Fact]
    public void Addresses_are_a_comma_separated_string_or_an_array()
    {
        Assert.Equal(["127.0.0.1:1", "0.0.0.0:2"], ServerConfigFile.Parse("addr = \"127.0.0.1:1, 0.0.0.0:2\"", "f").Addresses);
        Assert.Equal(["127.0.0.1:1", "127.0.0.1:2"], ServerConfigFile.Parse("addr = [\"127.0.0.1:1\", \":2\"]", "f").Addresses);
    }

    [Theory]
    [InlineData("nmae = \"x\"", "f: unknown key 'nmae'")]
    [InlineData("data-dir = 5", "f: 'data-dir' must be a non-empty string")]
    [InlineData("addr = []", "f: 'addr' names no address")]
    [InlineData("addr = 8261", "f: 'addr' must be a string")]
    [InlineData("name = ", "f: not valid TOML")]
    public void Mistakes_name_the_file_and_the_key(string toml, string expected)
    {
        var error = Assert.Throws<CliUsageException>(() => ServerConfigFile.Parse(toml, "f"));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_takes_its_names_addresses_and_data_dir_from_the_file_and_flags_win()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sluice-cli-config-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var configPath = Path.Combine(directory, "sluice.toml");
        await File.WriteAllTextAsync(configPath, $"""
            name = "master-from-file"
            worker-name = "worker-from-file"
            master-addr = "127.0.0.1:0"
            data-dir = "{Path.Combine(directory, "data")}"
            log-level = "warn"
            peer-urls = "http://127.0.0.1:8291"
            """, TestContext.Current.CancellationToken);

        using var cli = CliProcess.Start("server", "--config", configPath, "--log-level", "info");
        await cli.WaitUntilAsync(() => Task.FromResult(cli.StdoutSoFar.Contains("listening on ", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        var address = new Uri(Regex.Match(cli.StdoutSoFar, @"listening on (\S+)").Groups[1].Value);
        using (var client = new HttpClient { BaseAddress = address })
        {
            var workers = await client.GetStringAsync("/api/v1/cluster/workers", TestContext.Current.CancellationToken);
            Assert.Contains("\"worker-from-file\"", workers, StringComparison.Ordinal);
            var masters = await client.GetStringAsync("/api/v1/cluster/masters", TestContext.Current.CancellationToken);
            Assert.Contains("\"master-from-file\"", masters, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(directory, "data", "meta.db")));
        cli.Interrupt();
        var (exitCode, _, stderr) = await cli.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(exitCode == 0, stderr);
        Assert.Contains("peer-urls in the config file does not apply", stderr, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_config_file_with_an_unknown_key_stops_the_server_before_it_starts()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sluice-bad-{Guid.NewGuid():N}.toml");
        await File.WriteAllTextAsync(path, "data_dir = \"x\"\n", TestContext.Current.CancellationToken);
        var (exitCode, _, stderr) = await CliProcess.RunAsync("server", "--config", path);
        Assert.Equal(1, exitCode);
        Assert.Contains("unknown key 'data_dir'", stderr, StringComparison.Ordinal);
        File.Delete(path);
    }
}
