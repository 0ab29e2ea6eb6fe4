using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sluice.Coordination;
using Sluice.Migration.Supervision;
using Sluice.Server.ChangeFeeds;
using Sluice.Server.Cluster;
using Sluice.Server.Errors;
using Sluice.Server.Observability;
using Sluice.Server.Sources;
using Sluice.Server.Tasks;
using Sluice.Server.Tasks.Conversion;
using Sluice.Server.Tasks.Templates;

namespace Sluice.Server.Hosting;

/// <summary>
/// The embedded server: DM's master and one worker, and TiCDC's capture, in one process, serving DM's OpenAPI v1 and
/// TiCDC's OpenAPI v2 on every address it listens on, with its metadata in {data-dir}/meta.db.
/// </summary>
public sealed class SluiceServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SluiceServer(WebApplication app, IReadOnlyList<Uri> addresses)
    {
        _app = app;
        Addresses = addresses;
    }

    /// <summary>The addresses listened on, with the ports actually bound.</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>The application's services, for tests that look at what it maps (its EndpointDataSource).</summary>
    internal IServiceProvider Services => _app.Services;

    public static async Task<SluiceServer> StartAsync(SluiceServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Addresses.Count == 0)
            throw new ArgumentException("the server needs at least one address to listen on", nameof(options));
        var endpoints = options.Addresses.Select(ListenAddress.Parse).ToList();
        Directory.CreateDirectory(options.DataDirectory);
        var store = await SqliteMetadataStore.OpenAsync(Path.Combine(options.DataDirectory, "meta.db"), cancellationToken).ConfigureAwait(false);
        var secrets = SecretBox.OpenOrCreate(options.SecretKeyFile ?? Path.Combine(options.DataDirectory, "secret.key"));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = options.DataDirectory });
        ServerLogging.Configure(builder.Logging, options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
            foreach (var endpoint in endpoints)
                kestrel.Listen(endpoint);
        });
        builder.Services.Configure<JsonOptions>(json => ApiJson.Configure(json.SerializerOptions));

        // Bad query parameters throw, so that the error handler answers them in DM's error shape.
        builder.Services.Configure<RouteHandlerOptions>(route => route.ThrowOnBadRequest = true);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IMetadataStore>(store);
        builder.Services.AddSingleton(secrets);
        builder.Services.AddSingleton<EmbeddedNode>();
        builder.Services.AddSingleton<SourceRepository>();
        builder.Services.AddSingleton<TaskRepository>();
        builder.Services.AddSingleton<TaskTemplateRepository>();
        builder.Services.AddSingleton<ISourceUsage, StoredSourceUsage>();
        builder.Services.AddSingleton<TaskSupervisors>();
        builder.Services.AddSingleton<TaskLifecycle>();
        builder.Services.AddHostedService<TaskRecovery>();
        builder.Services.AddSingleton<ClusterIdentity>();
        builder.Services.AddSingleton<ClusterTopologyStore>();
        builder.Services.AddDmApiDocument();
        builder.Services.AddCdcApiDocument();
        builder.Services.AddSingleton<ServerEvents>();
        builder.Services.AddTaskMetrics();
        builder.Services.AddChangefeeds();
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();

        // Outside the error handler, so that requests are counted with the status the client got.
        app.UseMetrics();
        app.UseDmErrors();
        app.UseCdcErrors();
        app.MapSourceEndpoints();
        app.MapClusterEndpoints();
        app.MapTaskEndpoints();
        app.MapTaskSchemaEndpoints();
        app.MapConverterEndpoints();
        app.MapTaskTemplateEndpoints();
        app.MapTaskMigrateTargetEndpoints();
        app.MapDmApiDocs();
        app.MapCdcApiDocs();
        app.MapCdcStatusEndpoints();
        app.MapChangefeedEndpoints();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var addresses = app.Services.GetRequiredService<EmbeddedNode>().Addresses;
        var events = app.Services.GetRequiredService<ServerEvents>();
        foreach (var address in addresses)
            events.Listening(address, options.DataDirectory);
        return new SluiceServer(app, addresses);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
