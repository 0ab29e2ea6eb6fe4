using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Sluice.Server.Observability;

/// <summary>
/// /metrics in Prometheus's text format from the server's own registry (not prometheus-net's static default, so
/// that several servers in one process keep apart): the tasks' metrics and HTTP request counts and durations.
/// </summary>
internal static class MetricsEndpoints
{
    public static IServiceCollection AddTaskMetrics(this IServiceCollection services)
    {
        services.AddSingleton(_ => Metrics.NewCustomRegistry());
        services.AddSingleton<TaskMetrics>();
        return services;
    }

    /// <summary>Counts the requests that follow in the pipeline (not /metrics itself) and maps /metrics.</summary>
    public static WebApplication UseMetrics(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<CollectorRegistry>();

        // Made now: it registers the scrape-time callback that reads the tasks' status.
        app.Services.GetRequiredService<TaskMetrics>();
        app.UseHttpMetrics(http => http.SetMetricFactory(Metrics.WithCustomRegistry(registry)));
        app.MapMetrics("/metrics", registry);
        return app;
    }
}
