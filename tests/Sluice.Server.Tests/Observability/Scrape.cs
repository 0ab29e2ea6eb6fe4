using System.Net;

namespace Sluice.Server.Tests.Observability;

/// <summary>Scraping a test server's /metrics, once or until the exposition shows something, without a timed assertion.</summary>
internal static class Scrape
{
    /// <summary>Generous: a wait that needs this long means something is stuck, and the failure prints the metrics.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(Exposition Metrics, string Text)> OnceAsync(ServerHost host)
    {
        using var response = await host.Client.GetAsync("/metrics", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return (Exposition.Parse(text), text);
    }

    public static async Task<Exposition> UntilAsync(ServerHost host, string what, Func<Exposition, bool> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var (metrics, text) = await OnceAsync(host);
            if (condition(metrics))
                return metrics;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{what}: not reached; metrics:\n{text}");
            await Task.Delay(100, Ct);
        }
    }
}
