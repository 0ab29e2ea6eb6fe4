using Microsoft.Extensions.Hosting;

namespace Sluice.Server.Tasks;

/// <summary>Brings back the tasks that were running when the server starts, and stops them at a checkpoint when it stops.</summary>
internal sealed class TaskRecovery(TaskLifecycle lifecycle) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => lifecycle.RecoverAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => lifecycle.ShutdownAsync(cancellationToken);
}
