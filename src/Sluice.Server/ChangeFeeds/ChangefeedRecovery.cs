using Microsoft.Extensions.Hosting;

namespace Sluice.Server.ChangeFeeds;

/// <summary>Brings the stored changefeeds back when the server starts, and stops their runs at a checkpoint when it stops.</summary>
internal sealed class ChangefeedRecovery(ChangefeedLifecycle lifecycle) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => lifecycle.RecoverAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => lifecycle.ShutdownAsync(cancellationToken);
}
