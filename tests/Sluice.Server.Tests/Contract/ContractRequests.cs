using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Testing;

namespace Sluice.Server.Tests.Contract;

/// <summary>One request built for an operation of the spec.</summary>
internal sealed record ContractRequest(SpecOperation Operation, string Path, JsonNode? Body);

/// <summary>
/// Builds a valid request for each operation of the spec against one running server: path parameters name things
/// that exist (a source on servers.Source, a schema and table on it, a task, the server's master and worker), query
/// parameters take the spec's examples, and bodies are DM's documented ones pointed at the test servers, or are
/// made from the schema's examples.
/// </summary>
internal sealed class ContractRequests(OpenApiSpec spec, MariaDbServers servers, string prefix)
{
    public string SourceName { get; } = $"{prefix}-source";

    public string CreatedSourceName { get; } = $"{prefix}-created";

    public string SchemaName { get; } = $"{prefix.Replace('-', '_')}_db";

    public string TableName { get; } = "t1";

    public string TaskName { get; } = $"{prefix}-task";

    public string MasterName { get; set; } = "master1";

    public string WorkerName { get; set; } = "worker1";

    /// <summary>Creates what path parameters name: the schema and table on the source server, and the source.</summary>
    public async Task PrepareAsync(ServerHost host, CancellationToken cancellationToken)
    {
        await servers.Source.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS `{SchemaName}`", cancellationToken);
        await servers.Source.ExecuteAsync($"CREATE TABLE IF NOT EXISTS `{SchemaName}`.`{TableName}` (`id` INT PRIMARY KEY, `v` VARCHAR(20))", cancellationToken);
        await host.CreateSourceAsync(SourceName, servers.Source, cancellationToken);
        MasterName = await FirstNameAsync(host, "/api/v1/cluster/masters", cancellationToken) ?? MasterName;
        WorkerName = await FirstNameAsync(host, "/api/v1/cluster/workers", cancellationToken) ?? WorkerName;
    }

    /// <summary>Drops the test schema, and what a task may have written to the target.</summary>
    public async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        await servers.Source.ExecuteAsync($"DROP DATABASE IF EXISTS `{SchemaName}`", cancellationToken);
        await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS `{SchemaName}`", cancellationToken);
        await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS `{SchemaName}_meta`", cancellationToken);
    }

    /// <summary>The operations in an order where what a call needs exists: creates first, deletes last.</summary>
    public static IEnumerable<SpecOperation> Ordered(IEnumerable<SpecOperation> operations) =>
        operations.OrderBy(o => o.Method switch
        {
            "POST" when !o.Path.Contains('{', StringComparison.Ordinal) => 0,
            "DELETE" when o.Path.StartsWith("/api/v1/sources", StringComparison.Ordinal) => 3,
            "DELETE" => 2,
            _ => 1,
        }).ThenByDescending(o => o.Method == "DELETE" ? o.Path.Count(c => c == '/') : 0);

    /// <summary>
    /// The requests to check an operation with: query parameters all at their examples, each alone, and none (an
    /// example like enable_relay=true can empty an answer that with_status=true alone fills). A delete is sent once.
    /// </summary>
    public IEnumerable<ContractRequest> Variants(SpecOperation operation)
    {
        var names = QueryExamples(operation).Select(p => p.Name).ToList();
        yield return Build(operation);
        if (operation.Method == "DELETE" || names.Count == 0)
            yield break;
        if (names.Count > 1)
        {
            foreach (var name in names)
                yield return Build(operation, [name]);
        }

        yield return Build(operation, []);
    }

    public ContractRequest Build(SpecOperation operation, IReadOnlyCollection<string>? queryNames = null)
    {
        var path = operation.Path
            .Replace("{source-name}", Uri.EscapeDataString(SourceName), StringComparison.Ordinal)
            .Replace("{schema-name}", SchemaName, StringComparison.Ordinal)
            .Replace("{table-name}", TableName, StringComparison.Ordinal)
            .Replace("{task-name}", TaskName, StringComparison.Ordinal)
            .Replace("{master-name}", Uri.EscapeDataString(MasterName), StringComparison.Ordinal)
            .Replace("{worker-name}", Uri.EscapeDataString(WorkerName), StringComparison.Ordinal);
        var query = QueryExamples(operation)
            .Where(p => queryNames is null || queryNames.Contains(p.Name))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Example)}")
            .ToList();
        if (query.Count > 0)
            path += "?" + string.Join('&', query);
        return new ContractRequest(operation, path, operation.RequestBodySchema is { } schema ? Body(operation, schema) : null);
    }

    private static IEnumerable<(string Name, string Example)> QueryExamples(SpecOperation operation) =>
        operation.Parameters("query")
            .Select(p => (Name: p["name"]!.GetValue<string>(), Example: p["schema"]?["example"]?.GetValue<string>()))
            .Where(p => p.Example is not null)
            .Select(p => (p.Name, p.Example!));

    public JsonNode Body(SpecOperation operation, JsonObject schema)
    {
        var name = schema["$ref"]?.GetValue<string>()?.Split('/')[^1];
        return name switch
        {
            "CreateSourceRequest" => new JsonObject { ["source"] = SourceBody(CreatedSourceName), ["worker_name"] = WorkerName },
            "UpdateSourceRequest" => new JsonObject { ["source"] = SourceBody(SourceName) },
            "WorkerNameRequest" => new JsonObject { ["worker_name"] = WorkerName },
            "CreateTaskRequest" or "UpdateTaskRequest" => new JsonObject { ["task"] = TaskBody() },
            "Task" => TaskBody(),
            "ClusterTopology" when operation.Method == "PUT" => FromExamples(schema, 0)!,
            _ => FromExamples(schema, 0) ?? new JsonObject(),
        };
    }

    /// <summary>The doc's create-source body pointed at servers.Source; the name is set as a JSON value, so any text goes.</summary>
    public JsonNode SourceBody(string name)
    {
        var body = JsonNode.Parse(ServerHost.DocCreateSourceBody("placeholder", servers.Source))!;
        body["source_name"] = name;
        return body;
    }

    /// <summary>A full-and-incremental task from the source's test schema to the target server.</summary>
    public JsonObject TaskBody() => new()
    {
        ["name"] = TaskName,
        ["task_mode"] = "all",
        ["meta_schema"] = $"{SchemaName}_meta",
        ["enhance_online_schema_change"] = true,
        ["on_duplicate"] = "replace",
        ["target_config"] = new JsonObject
        {
            ["host"] = servers.Target.Host,
            ["port"] = servers.Target.Port,
            ["user"] = servers.Target.User,
            ["password"] = servers.Target.Password,
        },
        ["table_migrate_rule"] = new JsonArray(new JsonObject
        {
            ["source"] = new JsonObject { ["source_name"] = SourceName, ["schema"] = SchemaName, ["table"] = "*" },
        }),
        ["source_config"] = new JsonObject
        {
            ["source_conf"] = new JsonArray(new JsonObject { ["source_name"] = SourceName }),
        },
    };

    /// <summary>A value made of the schema's examples and defaults; required properties without one get a plain value.</summary>
    public JsonNode? FromExamples(JsonObject schema, int depth)
    {
        var outer = schema;
        schema = spec.Resolve(schema);
        var type = spec.TypeOf(schema);
        var example = outer["example"]?.GetValue<string>() ?? schema["example"]?.GetValue<string>()
            ?? schema["default"]?.GetValue<string>() ?? (schema["enum"] as JsonArray)?[0]?.GetValue<string>();
        if (example is not null && type is not ("object" or "array"))
            return OpenApiSpec.Typed(example, type);
        switch (type)
        {
            case "object" when depth < 8:
                var result = new JsonObject();
                var required = spec.Required(schema);
                foreach (var (name, property) in spec.Properties(schema))
                {
                    if (FromExamples(property, depth + 1) is { } value && (required.Contains(name) || HasExample(property)))
                        result[name] = value;
                }

                return result;
            case "array" when depth < 8:
                return FromExamples((JsonObject)schema["items"]!, depth + 1) is { } item ? new JsonArray(item) : new JsonArray();
            case "string":
                return "a";
            case "integer" or "number":
                return 1;
            case "boolean":
                return false;
            default:
                return null;
        }
    }

    public static StringContent? Content(JsonNode? body) =>
        body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

    private bool HasExample(JsonObject property)
    {
        var resolved = spec.Resolve(property);
        return property["example"] is not null || resolved["example"] is not null || resolved["default"] is not null
            || spec.TypeOf(resolved) is "object" or "array";
    }

    private static async Task<string?> FirstNameAsync(ServerHost host, string path, CancellationToken cancellationToken)
    {
        using var response = await host.Client.GetAsync(path, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            return null;
        var body = await ServerHost.JsonAsync(response, cancellationToken);
        return body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0
            ? data[0].GetProperty("name").GetString()
            : null;
    }
}
