using Sluice.Server.Tests.Contract;
using Sluice.Testing;

namespace Sluice.Server.Tests.Fuzz;

/// <summary>A server with a source on servers.Source, the served operations that take a body, and what was found.</summary>
internal sealed class FuzzRun : IAsyncDisposable
{
    private FuzzRun(OpenApiSpec spec, ServerHost host, ContractRequests requests)
    {
        Spec = spec;
        Host = host;
        Requests = requests;
    }

    public OpenApiSpec Spec { get; }

    public ServerHost Host { get; }

    public ContractRequests Requests { get; }

    public IReadOnlyList<FuzzTarget> Targets { get; private set; } = [];

    public FuzzAssert Found { get; } = new();

    public static async Task<FuzzRun> StartAsync(MariaDbServers servers, string prefix, CancellationToken cancellationToken)
    {
        var spec = OpenApiSpec.LoadOrSkip();
        var host = await ServerHost.StartAsync(cancellationToken);
        var run = new FuzzRun(spec, host, new ContractRequests(spec, servers, prefix));
        try
        {
            await run.Requests.PrepareAsync(host, cancellationToken);
            run.Targets = await FuzzTarget.DiscoverAsync(host, spec, run.Requests, cancellationToken);
            TestContext.Current.TestOutputHelper?.WriteLine($"fuzzing {string.Join(", ", run.Targets.Select(t => t.Key))}");
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>The server still answers, and nothing was answered wrongly.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await FuzzAssert.StillServingAsync(Host, cancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"{Found.Requests} requests checked");
        Found.AssertNone();
    }

    public async ValueTask DisposeAsync()
    {
        await Requests.CleanUpAsync(CancellationToken.None);
        await Host.DisposeAsync();
    }
}
