using System.Diagnostics;
using System.Globalization;
using Sluice.Server.Hosting;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Dmctl;

/// <summary>
/// A real <see cref="SluiceServer"/> in this process on a free port with a temporary data directory, and the dmctl
/// commands run against it through the built CLI, as a user runs them.
/// </summary>
internal sealed class DmctlServer : IAsyncDisposable
{
    /// <summary>Generous: a wait that needs this long means something is stuck.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private readonly SluiceServer _server;
    private readonly string _dataDirectory;

    private DmctlServer(SluiceServer server, string dataDirectory)
    {
        _server = server;
        _dataDirectory = dataDirectory;
        Client = new HttpClient { BaseAddress = server.Addresses[0] };
    }

    /// <summary>host:port, as dmctl's --master-addr is written.</summary>
    public string MasterAddr => _server.Addresses[0].Authority;

    public HttpClient Client { get; }

    public static async Task<DmctlServer> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "sluice-dmctl-tests", Guid.NewGuid().ToString("N"));
        var server = await SluiceServer.StartAsync(new SluiceServerOptions { DataDirectory = dataDirectory, Addresses = ["127.0.0.1:0"] }, TestContext.Current.CancellationToken);
        return new DmctlServer(server, dataDirectory);
    }

    /// <summary>Runs <c>sluice ARGS --master-addr ADDR</c>.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments) =>
        CliProcess.RunAsync([.. arguments, "--master-addr", MasterAddr]);

    /// <summary>Runs the command and asserts exit code 0; returns its standard output.</summary>
    public async Task<string> SucceedAsync(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunAsync(arguments);
        Assert.True(exitCode == 0, $"sluice {string.Join(' ', arguments)} exited {exitCode}: {stderr}{stdout}");
        return stdout;
    }

    /// <summary>A DM source file for <paramref name="instance"/>.</summary>
    public static string SourceYaml(string sourceId, MariaDbInstance instance) => $"""
        source-id: "{sourceId}"
        enable-gtid: false
        from:
          host: "{instance.Host}"
          port: {instance.Port}
          user: "{instance.User}"
          password: "{instance.Password}"
        """;

    /// <summary>A DM task file migrating only <paramref name="schema"/> of <paramref name="sourceId"/> to the target.</summary>
    public static string TaskYaml(MariaDbServers servers, string name, string sourceId, string schema, string metaSchema) => $"""
        name: "{name}"
        task-mode: all
        meta-schema: "{metaSchema}"
        target-database:
          host: "{servers.Target.Host}"
          port: {servers.Target.Port}
          user: "{servers.Target.User}"
          password: "{servers.Target.Password}"
        mysql-instances:
          - source-id: "{sourceId}"
            block-allow-list: only
        block-allow-list:
          only:
            do-dbs: ["{schema}"]
        """;

    public static async Task<long> CountAsync(MariaDbInstance server, string table)
    {
        try
        {
            return Convert.ToInt64(await server.ScalarAsync($"SELECT COUNT(*) FROM {table}", TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);
        }
        catch (MySqlConnector.MySqlException e) when (e.ErrorCode is MySqlConnector.MySqlErrorCode.NoSuchTable or MySqlConnector.MySqlErrorCode.UnknownDatabase)
        {
            return -1;
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails (with <paramref name="what"/>) when it does not within a generous deadline.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<Task<string>> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Deadline)
                Assert.Fail($"not reached within {Deadline}: {await what()}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left under the temp directory; harmless.
        }
    }
}
