using System.Net;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Sluice.Server.Tests.Hosting;

/// <summary>/api/v2/cdc.json is a valid OpenAPI 3 document of the /api/v2 operations, and /api/v2/docs a page over it.</summary>
public sealed class CdcApiDocsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cdc_json_is_a_valid_openapi_3_document_of_every_v2_operation_and_nothing_else()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using var response = await host.Client.GetAsync("/api/v2/cdc.json", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var result = OpenApiDocument.Parse(text, OpenApiConstants.Json);
        Assert.True(result.Diagnostic?.Errors is not { Count: > 0 }, string.Join("\n", result.Diagnostic!.Errors.Select(e => e.ToString())));
        var document = result.Document!;
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? [];
        Assert.True(!errors.Any(), string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));

        var operations = document.Paths
            .SelectMany(path => path.Value.Operations!.Select(op => (Key: $"{op.Key.Method} {path.Key}", op.Value.OperationId)))
            .ToDictionary(op => op.Key, op => op.OperationId, StringComparer.Ordinal);
        Assert.All(operations.Keys, key => Assert.Contains(" /api/v2/", key, StringComparison.Ordinal));
        Assert.Equal("CDCAPICreateChangefeed", operations["POST /api/v2/changefeeds"]);
        Assert.Equal("CDCAPIListChangefeeds", operations["GET /api/v2/changefeeds"]);
        Assert.Equal("CDCAPIUpdateChangefeed", operations["PUT /api/v2/changefeeds/{changefeedId}"]);
        Assert.Equal("CDCAPIResumeChangefeed", operations["POST /api/v2/changefeeds/{changefeedId}/resume"]);
        Assert.Equal("CDCAPIChangefeedSynced", operations["GET /api/v2/changefeed/{changefeedId}/synced"]);
        Assert.Contains("GET /api/v2/processors/{changefeedId}/{captureId}", operations.Keys);
        Assert.Contains("POST /api/v2/log", operations.Keys);
    }

    [Fact]
    public async Task Docs_page_reads_cdc_json()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using var page = await host.Client.GetAsync("/api/v2/docs", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{(int)page.StatusCode}: {html}");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("api/v2/cdc.json", html, StringComparison.Ordinal);
        using var v1 = await host.Client.GetAsync("/api/v1/cdc.json", Ct);
        Assert.NotEqual(HttpStatusCode.OK, v1.StatusCode);
    }
}
