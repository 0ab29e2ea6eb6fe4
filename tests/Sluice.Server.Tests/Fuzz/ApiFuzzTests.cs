using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Sluice.Server.Tests.Contract;
using Sluice.Testing;

namespace Sluice.Server.Tests.Fuzz;

/// <summary>
/// Hostile requests to every served operation that takes a JSON body (discovered from DM's spec) and to the GETs
/// with query parameters: each is answered with a 4xx of exactly {error_msg, error_code}, never a 5xx, and the
/// server still answers afterwards.
/// </summary>
public sealed class ApiFuzzTests(MariaDbServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Malformed_json_is_a_4xx()
    {
        string[] malformed =
        [
            "{", "}", "not json", "{\"source\": }", "{\"a\": 1,}", "{'a': 1}", "{\"a\": 01}", "{\"a\": NaN}",
            "{\"a\": \"unterminated}", "{\"a\": 1} trailing", "[1, 2]", "\"text\"", "42", "true",
            "{\"a\": \"\\uZZZZ\"}", "{/* comment */}", "\u00ef\u00bb\u00bf{", "{\"a\":\u0001}",
        ];
        await using var run = await FuzzRun.StartAsync(servers, "fuzz-malformed", Ct);
        foreach (var target in run.Targets)
        {
            foreach (var body in malformed)
            {
                using var response = await target.SendAsync(run.Host, body, Ct);
                await run.Found.ClientErrorAsync(response, $"{target.Key} with {body}", Ct);
            }

            // Bytes that are not UTF-8.
            using var invalid = await FuzzTarget.SendAsync(run.Host, target.Operation.Method, target.Path, [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], Ct);
            await run.Found.ClientErrorAsync(invalid, $"{target.Key} with bytes that are not UTF-8", Ct);
        }

        await run.FinishAsync(Ct);
    }

    [Fact]
    public async Task Wrong_types_missing_required_fields_and_unknown_fields_are_a_4xx()
    {
        await using var run = await FuzzRun.StartAsync(servers, "fuzz-fields", Ct);
        foreach (var target in run.Targets)
        {
            foreach (var path in JsonMutations.ValuePaths(target.Body))
            {
                var value = JsonMutations.At(target.Body, path);
                using var response = await target.SendAsync(run.Host, JsonMutations.With(target.Body, path, JsonMutations.WrongType(value)).ToJsonString(), Ct);
                await run.Found.ClientErrorAsync(response, $"{target.Key} with a wrong type at {Describe(path)}", Ct);
            }

            foreach (var objectPath in JsonMutations.ObjectPaths(target.Body))
            {
                foreach (var required in target.SchemaAt(run.Spec, objectPath) is { } schema ? run.Spec.Required(schema) : [])
                {
                    if (JsonMutations.At(target.Body, [.. objectPath, required]) is null)
                        continue;
                    using var response = await target.SendAsync(run.Host, JsonMutations.Without(target.Body, [.. objectPath, required]).ToJsonString(), Ct);
                    await run.Found.ClientErrorAsync(response, $"{target.Key} without required {Describe([.. objectPath, required])}", Ct);
                }

                // A map (additionalProperties) takes any key; the value 1 is still of the wrong type there.
                using var unknown = await target.SendAsync(run.Host, JsonMutations.Adding(target.Body, objectPath, "zz_unknown_field", 1).ToJsonString(), Ct);
                await run.Found.ClientErrorAsync(unknown, $"{target.Key} with an unknown field in {Describe(objectPath)}", Ct);
            }
        }

        await run.FinishAsync(Ct);
    }

    [Fact]
    public async Task A_10_MiB_body_and_deep_nesting_are_a_4xx()
    {
        await using var run = await FuzzRun.StartAsync(servers, "fuzz-size", Ct);
        var huge = "{\"source\": {\"source_name\": \"" + new string('x', 10 * 1024 * 1024) + "\"}}";
        var deepArrays = "{\"source\": " + new string('[', 100_000) + new string(']', 100_000) + "}";
        var deepObjects = new StringBuilder().Insert(0, "{\"a\":", 10_000).Append('1').Append('}', 10_000).ToString();
        foreach (var target in run.Targets)
        {
            using (var response = await SendTolerantAsync(run, target, huge))
            {
                if (response is not null)
                    await run.Found.ClientErrorAsync(response, $"{target.Key} with a 10 MiB body", Ct);
            }

            using (var response = await target.SendAsync(run.Host, deepArrays, Ct))
                await run.Found.ClientErrorAsync(response, $"{target.Key} with arrays nested 100000 deep", Ct);
            using (var response = await target.SendAsync(run.Host, deepObjects, Ct))
                await run.Found.ClientErrorAsync(response, $"{target.Key} with objects nested 10000 deep", Ct);
        }

        await run.FinishAsync(Ct);
    }

    [Fact]
    public async Task Hostile_names_never_fail_the_server_and_accepted_names_round_trip()
    {
        await using var run = await FuzzRun.StartAsync(servers, "fuzz-names", Ct);
        foreach (var name in JsonMutations.HostileNames)
        {
            var label = Label(name);

            // As the name of a new source: refused cleanly, or kept exactly.
            var create = new JsonObject { ["source"] = run.Requests.SourceBody(name) };
            using (var response = await FuzzTarget.SendAsync(run.Host, "POST", "/api/v1/sources", create.ToJsonString(), Ct))
            {
                if (response.StatusCode == HttpStatusCode.Created)
                    await RoundTripAsync(run, name, label);
                else
                    await run.Found.ClientErrorAsync(response, $"create source {label}", Ct);
            }

            // As a path segment of every served operation with a name in its path.
            foreach (var operation in run.Spec.Operations().Where(o => o.Path.Contains("{source-name}", StringComparison.Ordinal) || o.Path.Contains("{schema-name}", StringComparison.Ordinal)))
            {
                var request = run.Requests.Build(operation);
                var path = operation.Path.Contains("{schema-name}", StringComparison.Ordinal)
                    ? request.Path.Replace($"/{run.Requests.SchemaName}", $"/{Uri.EscapeDataString(name)}", StringComparison.Ordinal)
                    : request.Path.Replace($"/{Uri.EscapeDataString(run.Requests.SourceName)}", $"/{Uri.EscapeDataString(name)}", StringComparison.Ordinal);
                if (operation.Method == "DELETE" && !operation.Path.Contains("{schema-name}", StringComparison.Ordinal) && path == request.Path)
                    continue;
                using var response = await FuzzTarget.SendAsync(run.Host, operation.Method, path, request.Body?.ToJsonString() ?? "", Ct);
                var text = await response.Content.ReadAsStringAsync(Ct);
                if (name.Contains('\0', StringComparison.Ordinal))
                {
                    // Kestrel refuses an encoded NUL in the path itself, with an empty 400, before any middleware
                    // runs: the one 4xx the API cannot put in DM's error shape.
                    if (response.StatusCode != HttpStatusCode.BadRequest)
                        run.Found.Fail($"{operation.Key} as {label}: {(int)response.StatusCode}, Kestrel's 400 was expected: {text}");
                }
                else if (!ServedCheck.IsNotServed(response.StatusCode, text))
                {
                    await run.Found.NoServerErrorAsync(response, $"{operation.Key} as {label}", Ct);
                }
            }

            // As the worker a source is transferred to.
            using (var response = await FuzzTarget.SendAsync(run.Host, "POST", $"/api/v1/sources/{Uri.EscapeDataString(run.Requests.SourceName)}/transfer", new JsonObject { ["worker_name"] = name }.ToJsonString(), Ct))
                await run.Found.ClientErrorAsync(response, $"transfer to worker {label}", Ct);
        }

        await run.FinishAsync(Ct);
    }

    [Fact]
    public async Task Hostile_query_parameters_never_fail_the_server()
    {
        string[] values = ["maybe", "", "TRUE", "1", "2", "-1", "true&with_status=false", "%00", "' OR '1'='1", "ünï", "`x`", new string('q', 4000)];
        await using var run = await FuzzRun.StartAsync(servers, "fuzz-query", Ct);
        foreach (var operation in run.Spec.Operations().Where(o => o.Method is "GET" or "DELETE" && o.Parameters("query").Any()))
        {
            var request = run.Requests.Build(operation);
            var basePath = request.Path.Split('?')[0];
            if (operation.Method == "DELETE")
                basePath = basePath.Replace(Uri.EscapeDataString(run.Requests.SourceName), "no-such-source", StringComparison.Ordinal);
            foreach (var parameter in operation.Parameters("query"))
            {
                var name = parameter["name"]!.GetValue<string>();
                var boolean = parameter["schema"]?["type"]?.GetValue<string>() == "boolean";
                foreach (var value in values)
                {
                    var encoded = value == "true&with_status=false" || value == "%00" ? value : Uri.EscapeDataString(value);
                    using var response = await run.Host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(operation.Method), $"{basePath}?{name}={encoded}"), Ct);
                    var text = await response.Content.ReadAsStringAsync(Ct);
                    if (ServedCheck.IsNotServed(response.StatusCode, text))
                        continue;
                    if (boolean && value is "maybe" or "2" or "ünï")
                        await run.Found.ClientErrorAsync(response, $"{operation.Key} with {name}={Label(value)}", Ct);
                    else
                        await run.Found.NoServerErrorAsync(response, $"{operation.Key} with {name}={Label(value)}", Ct);
                }
            }
        }

        Assert.True(run.Found.Requests >= 3 * values.Length, $"only {run.Found.Requests} query requests were answered by served operations");
        await run.FinishAsync(Ct);
    }

    [Fact]
    public async Task Random_mutations_of_valid_bodies_never_fail_the_server()
    {
        await using var run = await FuzzRun.StartAsync(servers, "fuzz-random", Ct);
        var mutator = new RandomMutator(new Random(20261126));
        for (var i = 0; i < 300; i++)
        {
            var target = run.Targets[mutator.Random.Next(run.Targets.Count)];
            var (body, description) = mutator.Mutate(target.Body);
            using var response = await target.SendAsync(run.Host, body, Ct);
            await run.Found.NoServerErrorAsync(response, $"#{i} {target.Key} after {description}: {Label(body)}", Ct);
        }

        await run.FinishAsync(Ct);
    }

    private static async Task RoundTripAsync(FuzzRun run, string name, string label)
    {
        using (var list = await run.Host.Client.GetAsync("/api/v1/sources", Ct))
        {
            var data = JsonNode.Parse(await list.Content.ReadAsStringAsync(Ct))?["data"]?.AsArray() ?? [];
            if (!data.Any(source => source?["source_name"]?.GetValue<string>() == name))
                run.Found.Fail($"source {label} was created but is not in the list under that exact name");
        }

        if (Unaddressable(name) is { } why)
        {
            run.Found.Fail($"source {label} was accepted but {why}: such names must be refused");
            return;
        }

        using var get = await run.Host.Client.GetAsync($"/api/v1/sources/{Uri.EscapeDataString(name)}", Ct);
        var text = await get.Content.ReadAsStringAsync(Ct);
        if (get.StatusCode != HttpStatusCode.OK)
        {
            run.Found.Fail($"source {label} was created but GET answers {(int)get.StatusCode}: {text}");
            return;
        }

        var stored = JsonNode.Parse(text)?["source_name"]?.GetValue<string>();
        if (stored != name)
            run.Found.Fail($"source {label} was created but reads back as {Label(stored ?? "(none)")}");
        using var delete = await run.Host.Client.DeleteAsync($"/api/v1/sources/{Uri.EscapeDataString(name)}", Ct);
        if (delete.StatusCode != HttpStatusCode.NoContent)
            run.Found.Fail($"source {label} was created but DELETE answers {(int)delete.StatusCode}");
    }

    /// <summary>
    /// Why a name the API accepts cannot be used in a path. ASP.NET Core routing leaves %2F undecoded in a route
    /// value, and Kestrel refuses %00: such sources are created but can then only be seen in the list. Refusing
    /// these names when a source is created is left to the source endpoints.
    /// </summary>
    private static string? Unaddressable(string name) =>
        name.Contains('/', StringComparison.Ordinal) ? "a path cannot name it: routing keeps %2F undecoded"
        : name.Contains('\0', StringComparison.Ordinal) ? "a path cannot name it: Kestrel refuses %00"
        : null;

    /// <summary>Sends a body over the server's limit; the server may answer 413 and close before reading it all.</summary>
    private static async Task<HttpResponseMessage?> SendTolerantAsync(FuzzRun run, FuzzTarget target, string body)
    {
        try
        {
            return await target.SendAsync(run.Host, body, Ct);
        }
        catch (HttpRequestException e)
        {
            // The connection closed while the body was still being sent: refused, but without an answer to check.
            TestContext.Current.TestOutputHelper?.WriteLine($"{target.Key}: connection closed while sending 10 MiB ({e.Message})");
            return null;
        }
    }

    private static string Describe(object[] path) => path.Length == 0 ? "the body" : string.Join('.', path);

    private static string Label(string text)
    {
        var shown = text.Length > 60 ? $"{text[..60]}…({text.Length} chars)" : text;
        return System.Text.Json.JsonSerializer.Serialize(shown);
    }
}
