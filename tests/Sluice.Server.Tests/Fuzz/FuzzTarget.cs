using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Sluice.Server.Tests.Contract;

namespace Sluice.Server.Tests.Fuzz;

/// <summary>A served operation that takes a JSON body, with a valid request for it.</summary>
internal sealed record FuzzTarget(SpecOperation Operation, string Path, JsonNode Body, JsonObject Schema)
{
    public string Key => Operation.Key;

    /// <summary>
    /// The POST and PUT operations of the spec that take a body and that the server serves: a body of "{" is
    /// answered by the operation itself rather than by routing's 404/405.
    /// </summary>
    public static async Task<List<FuzzTarget>> DiscoverAsync(ServerHost host, OpenApiSpec spec, ContractRequests requests, CancellationToken cancellationToken)
    {
        var targets = new List<FuzzTarget>();
        foreach (var operation in spec.Operations().Where(o => o.Method is "POST" or "PUT" && o.RequestBodySchema is not null))
        {
            var request = requests.Build(operation);
            using var response = await SendAsync(host, operation.Method, request.Path, "{", cancellationToken);
            if (!ServedCheck.IsNotServed(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)))
                targets.Add(new FuzzTarget(operation, request.Path, request.Body!, operation.RequestBodySchema!));
        }

        Assert.Contains(targets, t => t.Key == "POST /api/v1/sources");
        Assert.Contains(targets, t => t.Key == "PUT /api/v1/sources/{source-name}");
        return targets;
    }

    public static Task<HttpResponseMessage> SendAsync(ServerHost host, string method, string path, string body, CancellationToken cancellationToken) =>
        SendAsync(host, method, path, Encoding.UTF8.GetBytes(body), cancellationToken);

    public static Task<HttpResponseMessage> SendAsync(ServerHost host, string method, string path, byte[] body, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content }, cancellationToken);
    }

    public Task<HttpResponseMessage> SendAsync(ServerHost host, string body, CancellationToken cancellationToken) =>
        SendAsync(host, Operation.Method, Path, body, cancellationToken);

    /// <summary>The schema of the value at <paramref name="path"/> in the body, or null where the schema has none.</summary>
    public JsonObject? SchemaAt(OpenApiSpec spec, object[] path)
    {
        JsonObject? schema = Schema;
        foreach (var step in path)
        {
            if (schema is null)
                return null;
            var resolved = spec.Resolve(schema);
            schema = step is string name
                ? spec.Properties(resolved).GetValueOrDefault(name) ?? resolved["additionalProperties"] as JsonObject
                : resolved["items"] as JsonObject;
        }

        return schema;
    }
}
