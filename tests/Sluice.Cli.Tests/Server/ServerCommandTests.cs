using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Sluice.Cli.Tests.Server;

public sealed class ServerCommandTests
{
    [Fact]
    public async Task Server_prints_its_addresses_serves_the_api_and_stops_on_ctrl_c()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "sluice-cli-server-tests", Guid.NewGuid().ToString("N"));
        using var cli = CliProcess.Start("server", "--data-dir", dataDirectory, "--addr", "127.0.0.1:0,127.0.0.1:0");
        await cli.WaitUntilAsync(() => Task.FromResult(Regex.Count(cli.StdoutSoFar, "listening on ") == 2), TimeSpan.FromSeconds(60));
        var addresses = Regex.Matches(cli.StdoutSoFar, @"listening on (\S+)").Select(m => new Uri(m.Groups[1].Value)).ToList();
        foreach (var address in addresses)
        {
            using var client = new HttpClient { BaseAddress = address };
            using var response = await client.GetAsync("/api/v1/cluster/workers", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(File.Exists(Path.Combine(dataDirectory, "meta.db")));
        cli.Interrupt();
        var (exitCode, stdout, stderr) = await cli.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(exitCode == 0, stderr);
        Assert.Contains("stopped", stdout, StringComparison.Ordinal);
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Server_on_a_port_in_use_exits_1_with_the_reason()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "sluice-cli-server-tests", Guid.NewGuid().ToString("N"));
        var (exitCode, _, stderr) = await CliProcess.RunAsync("server", "--data-dir", dataDirectory, "--addr", $"127.0.0.1:{port}");
        Assert.Equal(1, exitCode);
        Assert.Contains($"127.0.0.1:{port}", stderr, StringComparison.Ordinal);
        Directory.Delete(dataDirectory, recursive: true);
    }
}
