using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Sluice.Server.Hosting;

namespace Sluice.Server.Tests.Hosting;

/// <summary>
/// /api/v1/dm.json is a valid OpenAPI 3 document of exactly the /api/v1 operations the server maps, each with its
/// DM operationId; /api/v1/docs is a page that reads it, with every asset it loads served by this server.
/// </summary>
public sealed partial class ApiDocsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dm_json_is_a_valid_openapi_3_document()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var (document, _) = await ReadDocumentAsync(host);
        Assert.Equal("DM OpenAPI (Sluice)", document.Info.Title);
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? [];
        Assert.True(!errors.Any(), string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));
    }

    [Fact]
    public async Task Dm_json_lists_every_mapped_v1_operation_with_the_endpoint_name_as_operation_id()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var (document, _) = await ReadDocumentAsync(host);

        // What the app maps: every /api/v1 route with its methods and name, but for the document's own machinery
        // (excluded from descriptions), which the document lists under DM's names instead.
        var mapped = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GET /api/v1/docs"] = "GetDocHTML",
            ["GET /api/v1/dm.json"] = "GetDocJSON",
        };
        foreach (var endpoint in host.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            // Routing ignores a trailing slash (a group's "" or "/" leaves one in the raw text); the document has none.
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (!pattern.StartsWith("/api/v1/", StringComparison.Ordinal)
                || endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods)
                mapped.Add($"{method} {DmDocumentTransformer.DmPath(pattern)}", endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName);
        }

        var listed = document.Paths
            .SelectMany(path => (path.Value.Operations ?? []).Select(operation => (Key: $"{operation.Key.Method} {path.Key}", operation.Value.OperationId)))
            .ToDictionary(entry => entry.Key, entry => entry.OperationId, StringComparer.Ordinal);

        Assert.True(mapped.Count >= 40, $"only {mapped.Count} operations mapped: the endpoint data source was not read as expected");
        Assert.Equal(mapped.Keys.Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        var unnamed = mapped.Where(entry => string.IsNullOrEmpty(entry.Value)).Select(entry => entry.Key).ToList();
        Assert.True(unnamed.Count == 0, "operations without a name: " + string.Join(", ", unnamed));
        foreach (var (key, name) in mapped)
            Assert.True(name == listed[key], $"{key}: operationId {listed[key]}, the endpoint is named {name}");
    }

    [Fact]
    public async Task Operation_ids_are_the_ones_of_dm_endpoint_table()
    {
        var table = Path.Combine(Environment.GetEnvironmentVariable("SLUICE_DM_REFERENCE") ?? "/work/shared/reference", "dm-endpoints.md");
        if (!File.Exists(table))
            Assert.Skip($"{table} is not present");
        await using var host = await ServerHost.StartAsync(Ct);
        var (document, _) = await ReadDocumentAsync(host);

        var compared = 0;
        foreach (var row in File.ReadAllLines(table).Select(line => TableRow().Match(line)).Where(match => match.Success))
        {
            var method = new HttpMethod(row.Groups["method"].Value);
            if (document.Paths.TryGetValue(row.Groups["path"].Value, out var item) && item.Operations?.TryGetValue(method, out var operation) == true)
            {
                Assert.Equal(row.Groups["id"].Value, operation.OperationId);
                compared++;
            }
        }

        Assert.True(compared >= 38, $"only {compared} operations of {table} are in the document");
    }

    [Fact]
    public async Task Operations_carry_tags_bodies_and_statuses()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var (document, _) = await ReadDocumentAsync(host);

        var create = document.Paths["/api/v1/sources"].Operations![HttpMethod.Post];
        Assert.Equal(["source"], create.Tags!.Select(tag => tag.Name));
        var body = Assert.IsType<OpenApiSchemaReference>(create.RequestBody!.Content!["application/json"].Schema);
        Assert.Equal("CreateSourceRequest", body.Reference.Id);
        Assert.Equal(["201", "400"], create.Responses!.Keys.Order(StringComparer.Ordinal));
        var error = Assert.IsType<OpenApiSchemaReference>(create.Responses["400"].Content!["application/json"].Schema);
        Assert.Equal("ErrorWithMessage", error.Reference.Id);
        Assert.Equal(["error_code", "error_msg"], document.Components!.Schemas!["ErrorWithMessage"].Properties!.Keys.Order(StringComparer.Ordinal));

        var getTask = document.Paths["/api/v1/tasks/{task-name}"].Operations![HttpMethod.Get];
        Assert.Equal(["task"], getTask.Tags!.Select(tag => tag.Name));
        Assert.Contains("404", getTask.Responses!.Keys);
        var path = Assert.Single(getTask.Parameters!, p => p.In == ParameterLocation.Path);
        Assert.Equal("task-name", path.Name);
        Assert.Contains(getTask.Parameters!, p => p is { In: ParameterLocation.Query, Name: "with_status" });

        var targets = document.Paths["/api/v1/tasks/{task-name}/sources/{source-name}/migrate_targets"].Operations![HttpMethod.Get];
        Assert.Equal(["schema_pattern", "table_pattern"], targets.Parameters!.Where(p => p.In == ParameterLocation.Query).Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["source_schema", "source_table", "target_schema", "target_table"],
            document.Components.Schemas["TaskMigrateTarget"].Properties!.Keys.Order(StringComparer.Ordinal));

        var putInfo = document.Paths["/api/v1/cluster/info"].Operations![HttpMethod.Put];
        Assert.Equal("ClusterTopology", Assert.IsType<OpenApiSchemaReference>(putInfo.RequestBody!.Content!["application/json"].Schema).Reference.Id);
    }

    [Fact]
    public async Task Docs_page_is_html_reading_dm_json_and_every_asset_it_loads_is_served_here()
    {
        await using var host = await ServerHost.StartAsync(Ct);

        // DM's address of the page sends a browser to the page proper, under which its assets are addressed.
        using (var direct = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Server.Addresses[0] })
        using (var first = await direct.GetAsync("/api/v1/docs", Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
            Assert.Equal("/api/v1/docs/", new Uri(first.RequestMessage!.RequestUri!, first.Headers.Location!).AbsolutePath);
        }

        using var page = await host.Client.GetAsync("/api/v1/docs", Ct);
        Assert.Equal("/api/v1/docs/", page.RequestMessage?.RequestUri?.AbsolutePath);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{(int)page.StatusCode}: {html}");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        // Scalar's script resolves the document's URL against the site's root (the page's path less its prefix).
        var source = DocumentSource().Match(html);
        Assert.True(source.Success, html);
        var pageUri = page.RequestMessage!.RequestUri!;
        var documentUri = new Uri(new Uri(pageUri.GetLeftPart(UriPartial.Authority) + "/"), source.Groups["url"].Value);
        Assert.Equal("/api/v1/dm.json", documentUri.AbsolutePath);
        using (var document = await host.Client.GetAsync(documentUri, Ct))
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);

        // The page must work offline: every script and stylesheet it loads comes from this server.
        var assets = Asset().Matches(html).Select(match => match.Groups["url"].Value).ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            var uri = new Uri(pageUri, asset);
            Assert.True(uri.Authority == pageUri.Authority, $"the page loads {asset} from elsewhere");
            using var response = await host.Client.GetAsync(uri, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{uri}: {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync(Ct)).Length > 1000, $"{uri} is nearly empty");
        }

        Assert.DoesNotMatch(ExternalAsset(), html);
    }

    private static async Task<(OpenApiDocument Document, string Text)> ReadDocumentAsync(ServerHost host)
    {
        using var response = await host.Client.GetAsync("/api/v1/dm.json", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var result = OpenApiDocument.Parse(text, OpenApiConstants.Json);
        Assert.True(result.Diagnostic?.Errors is not { Count: > 0 }, string.Join("\n", result.Diagnostic!.Errors.Select(e => e.ToString())));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, result.Diagnostic?.SpecificationVersion);
        return (result.Document!, text);
    }

    [GeneratedRegex(@"^\| (?<method>GET|POST|PUT|DELETE|PATCH) \| `(?<path>[^`]+)` \| (?<id>\w+) \|")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"""sources"":\[\{[^\]]*?""url"":""(?<url>[^""]+)")]
    private static partial Regex DocumentSource();

    [GeneratedRegex("""<(?:script|link)\b[^>]*?\b(?:src|href)="(?<url>[^"]+)""")]
    private static partial Regex Asset();

    [GeneratedRegex("""<(?:script|link)\b[^>]*?\b(?:src|href)="(?:https?:)?//""")]
    private static partial Regex ExternalAsset();
}
