using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Sluice.Server.Hosting;

/// <summary>
/// This process as DM's cluster sees it: one master and one worker, both answering on every address the server
/// listens on.
/// </summary>
internal sealed class EmbeddedNode(SluiceServerOptions options, IServer server)
{
    public string MasterName => options.MasterName;

    public string WorkerName => options.WorkerName;

    /// <summary>The bound addresses as "host:port" (the real port when 0 was asked for).</summary>
    public IReadOnlyList<Uri> Addresses =>
        [.. (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(address => new Uri(address))];

    /// <summary>The first bound address, "host:port", as DM's addr fields show it.</summary>
    public string Address => Addresses is [var first, ..] ? $"{first.Host}:{first.Port}" : "";
}
