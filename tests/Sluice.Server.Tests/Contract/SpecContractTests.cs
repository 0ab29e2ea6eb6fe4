using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Testing;

namespace Sluice.Server.Tests.Contract;

/// <summary>
/// Calls every operation of DM's OpenAPI spec (dm-openapi-spec.yaml) that the server serves, with a valid request,
/// and checks the answer against the spec: a status the operation lists, a body whose every field is a property
/// of the response schema, and errors in ErrorWithMessage's shape. Operations answered by routing with 404/405 are
/// recorded as not served yet; the source and cluster ones must all be served, and so must the documentation
/// (docs, dm.json) and migrate_targets.
/// </summary>
public sealed class SpecContractTests(MariaDbServers servers)
{
    /// <summary>Operations that must be served known not to be, each with the reason.</summary>
    private static readonly Dictionary<string, string> s_notServedYet = new(StringComparer.Ordinal);

    /// <summary>Operations outside the source and cluster groups that must be served.</summary>
    private static readonly string[] s_servedOperations =
    [
        "GET /api/v1/docs",
        "GET /api/v1/dm.json",
        "GET /api/v1/tasks/{task-name}/sources/{source-name}/migrate_targets",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_served_operation_answers_as_the_spec_says()
    {
        var spec = OpenApiSpec.LoadOrSkip();
        var conformance = new SchemaConformance(spec);
        var errorSchema = spec.Schema("ErrorWithMessage");
        var requests = new ContractRequests(spec, servers, "contract");
        await using var host = await ServerHost.StartAsync(Ct);
        await requests.PrepareAsync(host, Ct);

        var table = new List<(string Operation, int Status, string Outcome)>();
        var failures = new List<string>();
        try
        {
            foreach (var (operation, request) in ContractRequests.Ordered(spec.Operations()).SelectMany(o => requests.Variants(o).Select(r => (o, r))))
            {
                using var message = new HttpRequestMessage(new HttpMethod(operation.Method), request.Path) { Content = ContractRequests.Content(request.Body) };
                using var response = await host.Client.SendAsync(message, Ct);
                var text = await response.Content.ReadAsStringAsync(Ct);
                var status = (int)response.StatusCode;
                if (ServedCheck.IsNotServed(response.StatusCode, text))
                {
                    table.Add((Row(operation, request), status, s_notServedYet.TryGetValue(operation.Key, out var why) ? $"not served yet: {why}" : "not served yet"));
                    continue;
                }

                var problems = Check(spec, conformance, errorSchema, operation, response, text);
                failures.AddRange(problems.Select(p => $"{operation.Key} ({request.Path}) {status}: {p}"));
                table.Add((Row(operation, request), status, problems.Count == 0 ? "conforms" : $"{problems.Count} problem(s)"));
            }
        }
        finally
        {
            await requests.CleanUpAsync(Ct);
        }

        var output = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"{"operation",-80} status  outcome");
        foreach (var (operation, status, outcome) in table)
            output.AppendLine(CultureInfo.InvariantCulture, $"{operation,-80} {status,6}  {outcome}");
        TestContext.Current.TestOutputHelper?.WriteLine(output.ToString());

        var mustBeServed = table
            .Where(row => row.Operation.Contains(" /api/v1/sources", StringComparison.Ordinal) || row.Operation.Contains(" /api/v1/cluster", StringComparison.Ordinal)
                          || s_servedOperations.Contains(row.Operation.Split(" ?")[0], StringComparer.Ordinal))
            .ToList();
        var notServed = mustBeServed
            .Where(row => row.Outcome.StartsWith("not served", StringComparison.Ordinal) && !s_notServedYet.ContainsKey(row.Operation))
            .Select(row => row.Operation)
            .ToList();
        Assert.True(notServed.Count == 0, "operations not served: " + string.Join(", ", notServed));

        // The spec has 20 source and cluster operations, and the 3 others; fewer means the spec could not be read as expected.
        var checkedOperations = mustBeServed
            .Where(row => !row.Outcome.StartsWith("not served", StringComparison.Ordinal))
            .Select(row => row.Operation.Split(" ?")[0])
            .Distinct(StringComparer.Ordinal)
            .Count();
        Assert.True(checkedOperations >= 23, output.ToString());
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + output);
    }

    [Fact]
    public void The_schema_check_finds_a_field_the_schema_does_not_have()
    {
        var spec = OpenApiSpec.LoadOrSkip();
        var conformance = new SchemaConformance(spec);
        var source = JsonDocument.Parse("""{"source_name": "a", "host": "h", "port": 1, "user": "u", "enable_gtid": false, "enable": true, "status_list": [{"source_name": "a", "worker_name": "w", "extra": 1}]}""").RootElement;
        var problems = conformance.Check(source, spec.Schema("Source"));
        Assert.Equal(["$.status_list[0].extra: not a property of the schema"], problems);
    }

    [Fact]
    public void The_schema_check_finds_wrong_types_and_missing_required_fields()
    {
        var spec = OpenApiSpec.LoadOrSkip();
        var conformance = new SchemaConformance(spec);
        var list = JsonDocument.Parse("""{"total": "1", "data": [{"name": "m", "alive": true, "leader": 1}]}""").RootElement;
        var problems = conformance.Check(list, spec.Schema("GetClusterMasterListResponse"));
        Assert.Contains("$.total: \"1\", the schema says integer", problems);
        Assert.Contains("$.data[0].leader: Number, the schema says boolean", problems);
        Assert.Contains("$.data[0].addr: required, missing", problems);
    }

    private static List<string> Check(OpenApiSpec spec, SchemaConformance conformance, JsonObject errorSchema, SpecOperation operation, HttpResponseMessage response, string text)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var problems = new List<string>();
        var listed = operation.Responses?[status] as JsonObject ?? operation.Responses?["default"] as JsonObject;
        if (listed is null)
            problems.Add($"status {status} is not listed (the spec lists {string.Join(", ", operation.Responses?.Select(r => r.Key) ?? [])}): {Truncate(text)}");

        // Every failure is ErrorWithMessage, whether the spec gives that status a schema or not (its 404s have none).
        var schema = (int)response.StatusCode >= 400
            ? errorSchema
            : listed?["content"]?["application/json"]?["schema"] as JsonObject;
        if (schema is null)
            return problems;
        if (!(response.Content.Headers.ContentType?.MediaType ?? "").StartsWith("application/json", StringComparison.Ordinal))
        {
            problems.Add($"content type {response.Content.Headers.ContentType} is not application/json");
            return problems;
        }

        try
        {
            problems.AddRange(conformance.Check(JsonDocument.Parse(text).RootElement, schema));
        }
        catch (JsonException e)
        {
            problems.Add($"the body is not JSON ({e.Message}): {Truncate(text)}");
        }

        return problems;
    }

    private static string Row(SpecOperation operation, ContractRequest request) =>
        request.Path.Contains('?', StringComparison.Ordinal) ? $"{operation.Key} ?{request.Path.Split('?')[1]}" : operation.Key;

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
