using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sluice.Server.Hosting;
using Sluice.Testing;

namespace Sluice.Server.Tests;

/// <summary>
/// A <see cref="SluiceServer"/> on 127.0.0.1 with a free port and a temporary data directory, and an HttpClient
/// pointed at it. <see cref="RestartAsync"/> stops it and starts a new one on the same data directory.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly Func<SluiceServerOptions, SluiceServerOptions> _configure;
    private SluiceServer _server;

    private ServerHost(SluiceServer server, string dataDirectory, Func<SluiceServerOptions, SluiceServerOptions> configure)
    {
        _server = server;
        DataDirectory = dataDirectory;
        _configure = configure;
        Client = NewClient(server);
    }

    public string DataDirectory { get; }

    public HttpClient Client { get; private set; }

    public SluiceServer Server => _server;

    public static Task<ServerHost> StartAsync(CancellationToken cancellationToken) => StartAsync(options => options, cancellationToken);

    /// <param name="configure">Changes the options (logging, …) of this server and of its restarts.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<ServerHost> StartAsync(Func<SluiceServerOptions, SluiceServerOptions> configure, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "sluice-server-tests", Guid.NewGuid().ToString("N"));
        var server = await SluiceServer.StartAsync(configure(Options(dataDirectory)), cancellationToken);
        return new ServerHost(server, dataDirectory, configure);
    }

    /// <param name="whileStopped">Runs after the old server has stopped and before the new one starts.</param>
    public async Task RestartAsync(CancellationToken cancellationToken, Func<Task>? whileStopped = null)
    {
        Client.Dispose();
        await _server.DisposeAsync();
        if (whileStopped is not null)
            await whileStopped();
        _server = await SluiceServer.StartAsync(_configure(Options(DataDirectory)), cancellationToken);
        Client = NewClient(_server);
    }

    /// <summary>The doc's create-source body (dm-openapi.zh.md) as written, pointed at <paramref name="instance"/>.</summary>
    public static string DocCreateSourceBody(string name, MariaDbInstance instance, string? password = null) => $$"""
        {
          "source_name": "{{name}}",
          "host": "{{instance.Host}}",
          "port": {{instance.Port}},
          "user": "{{instance.User}}",
          "password": {{JsonSerializer.Serialize(password ?? instance.Password)}},
          "enable": true,
          "enable_gtid": false,
          "security": {
            "ssl_ca_content": "",
            "ssl_cert_content": "",
            "ssl_key_content": "",
            "cert_allowed_cn": [
              "string"
            ]
          },
          "purge": {
            "interval": 3600,
            "expires": 0,
            "remain_space": 15
          }
        }
        """;

    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string json, CancellationToken cancellationToken) =>
        Client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, cancellationToken);

    public async Task CreateSourceAsync(string name, MariaDbInstance instance, CancellationToken cancellationToken)
    {
        using var response = await SendJsonAsync(HttpMethod.Post, "/api/v1/sources", DocCreateSourceBody(name, instance), cancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left behind under the temp directory; harmless.
        }
    }

    private static SluiceServerOptions Options(string dataDirectory) =>
        new() { DataDirectory = dataDirectory, Addresses = ["127.0.0.1:0"] };

    private static HttpClient NewClient(SluiceServer server) => new() { BaseAddress = server.Addresses[0] };
}
