using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Server.ChangeFeeds;
using Sluice.Server.Hosting;
using Sluice.Testing;

namespace Sluice.Server.Tests.ChangeFeeds;

/// <summary>A server whose changefeeds run <see cref="ScriptedChangefeedRuns"/>, with calls to the TiCDC API.</summary>
internal static class CdcHost
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="runs">The scripted runs the server's changefeeds get.</param>
    /// <param name="configure">Further changes to the server's options.</param>
    public static Task<ServerHost> StartAsync(ScriptedChangefeedRuns runs, Func<SluiceServerOptions, SluiceServerOptions>? configure = null) =>
        ServerHost.StartAsync(
            options => (configure ?? (o => o))(options with { ConfigureServices = services => services.AddSingleton(runs.Factory) }),
            Ct);

    /// <summary>A server with one registered source, "mysql-01".</summary>
    public static async Task<ServerHost> StartWithSourceAsync(ScriptedChangefeedRuns runs, MariaDbServers servers)
    {
        var host = await StartAsync(runs);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        return host;
    }

    public static Task<HttpResponseMessage> PostAsync(this ServerHost host, string path, string json) =>
        host.SendJsonAsync(HttpMethod.Post, path, json, Ct);

    public static Task<HttpResponseMessage> PutAsync(this ServerHost host, string path, string json) =>
        host.SendJsonAsync(HttpMethod.Put, path, json, Ct);

    /// <summary>Creates a changefeed and returns its answer; the call must succeed.</summary>
    public static async Task<JsonElement> CreateChangefeedAsync(this ServerHost host, string json)
    {
        using var response = await host.PostAsync("/api/v2/changefeeds", json);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>GET of a path that must answer 200, as JSON.</summary>
    public static async Task<JsonElement> GetJsonAsync(this ServerHost host, string path)
    {
        using var response = await host.Client.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (something reached in the background); gives up after two minutes.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < giveUp, $"never: {what}");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>Reads the changefeed until its state is <paramref name="state"/> (a state reached in the background); gives up after two minutes.</summary>
    public static async Task<JsonElement> UntilStateAsync(this ServerHost host, string id, string state)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var changefeed = await host.GetJsonAsync($"/api/v2/changefeeds/{id}");
            if (changefeed.GetProperty("state").GetString() == state)
                return changefeed;
            Assert.True(DateTime.UtcNow < giveUp, $"changefeed {id} never became {state}: {changefeed}");
            await Task.Delay(20, Ct);
        }
    }
}
