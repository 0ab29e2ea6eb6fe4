using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sluice.ChangeFeed;
using Sluice.ChangeFeed.Supervision;

namespace Sluice.Server.ChangeFeeds;

/// <summary>Makes one run of a changefeed: production's is a <see cref="ChangefeedRunner"/>; tests register a scripted one.</summary>
internal delegate ChangefeedRun ChangefeedRunFactory(ChangefeedDefinition definition, ChangefeedSource source, IChangefeedCheckpointStore checkpoints);

/// <summary>What the TiCDC API needs in the container.</summary>
internal static class ChangefeedServices
{
    public static IServiceCollection AddChangefeeds(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CaptureIdentity>();
        services.AddSingleton<ChangefeedRepository>();
        services.AddSingleton<ChangefeedRunFactory>(provider =>
        {
            var loggers = provider.GetRequiredService<ILoggerFactory>();
            var time = provider.GetRequiredService<TimeProvider>();
            return (definition, source, checkpoints) =>
                ChangefeedRun.FromRunner(new ChangefeedRunner(definition, source, checkpoints, loggers.CreateLogger<ChangefeedRunner>(), time));
        });
        services.AddSingleton<ChangefeedLifecycle>();
        services.AddHostedService<ChangefeedRecovery>();
        return services;
    }
}
