using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Sluice.ChangeFeed.Tests.Codecs.Avro;

/// <summary>
/// An in-process Confluent schema registry (ASP.NET Core's TestServer) serving the two endpoints the avro tests use:
/// <c>POST /subjects/{subject}/versions</c> (registers a schema, one global id per distinct schema, 422 for what Avro
/// cannot parse) and <c>GET /schemas/ids/{id}</c>.
/// </summary>
/// <remarks>https://docs.confluent.io/platform/current/schema-registry/develop/api.html</remarks>
internal sealed class SchemaRegistryServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _idsBySchema = new();
    private readonly ConcurrentDictionary<int, string> _schemasById = new();
    private readonly ConcurrentQueue<(string Subject, string Schema)> _registrations = new();
    private readonly WebApplication _app;
    private int _nextId;

    private SchemaRegistryServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/subjects/{subject}/versions", RegisterAsync);
        _app.MapGet("/schemas/ids/{id:int}", (int id) => _schemasById.TryGetValue(id, out var schema)
            ? Results.Json(new { schema }, contentType: "application/vnd.schemaregistry.v1+json")
            : Results.Json(new { error_code = 40403, message = "Schema not found" }, statusCode: 404));
    }

    /// <summary>Every POST received, in order: the subject and the schema text as sent.</summary>
    public IReadOnlyCollection<(string Subject, string Schema)> Registrations => _registrations;

    public HttpClient Client => _app.GetTestClient();

    /// <summary>The Authorization header of the last registration, null when it had none.</summary>
    public string? LastAuthorization { get; private set; }

    /// <summary>A subject whose registrations are refused as incompatible (409), as a registry with BACKWARD compatibility does.</summary>
    public string? IncompatibleSubject { get; set; }

    public static async Task<SchemaRegistryServer> StartAsync()
    {
        var server = new SchemaRegistryServer();
        await server._app.StartAsync();
        return server;
    }

    public string SchemaOf(int id) => _schemasById[id];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> RegisterAsync(string subject, HttpRequest request)
    {
        LastAuthorization = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null;
        if (!string.Equals(request.ContentType, "application/vnd.schemaregistry.v1+json", StringComparison.Ordinal))
            return Results.Json(new { error_code = 415, message = "Unsupported Media Type" }, statusCode: 415);

        using var body = await JsonDocument.ParseAsync(request.Body);
        var text = body.RootElement.GetProperty("schema").GetString() ?? string.Empty;
        string canonical;
        try
        {
            canonical = global::Avro.Schema.Parse(text).ToString();
        }
        catch (Exception e) when (e is global::Avro.AvroException or NullReferenceException)
        {
            // Apache.Avro answers some malformed schemas with a NullReferenceException rather than a parse error.
            return Results.Json(new { error_code = 42201, message = "Invalid schema: " + e.Message }, statusCode: 422);
        }

        if (subject == IncompatibleSubject)
            return Results.Json(new { error_code = 409, message = "Schema being registered is incompatible with an earlier schema" }, statusCode: 409);

        _registrations.Enqueue((subject, text));
        var id = _idsBySchema.GetOrAdd(canonical, _ =>
        {
            var next = Interlocked.Increment(ref _nextId);
            _schemasById[next] = text;
            return next;
        });
        return Results.Json(new { id }, contentType: "application/vnd.schemaregistry.v1+json");
    }
}
