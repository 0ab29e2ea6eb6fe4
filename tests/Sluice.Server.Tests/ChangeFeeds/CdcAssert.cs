using System.Net;
using System.Text.Json;

namespace Sluice.Server.Tests.ChangeFeeds;

/// <summary>Assertions on TiCDC's error contract: a 4xx status and a body of exactly error_msg and error_code, the code a "CDC:Err…" string.</summary>
internal static class CdcAssert
{
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, string errorCode, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(2, body.EnumerateObject().Count());
        Assert.NotEmpty(body.GetProperty("error_msg").GetString()!);
        Assert.DoesNotContain("Sluice.", body.GetProperty("error_msg").GetString()!, StringComparison.Ordinal);
        Assert.Equal(errorCode, body.GetProperty("error_code").GetString());
        return body;
    }

    /// <summary>A 200 whose body is the empty object TiCDC answers for operations.</summary>
    public static async Task EmptyOkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {text}");
        Assert.Equal("{}", text);
    }
}
