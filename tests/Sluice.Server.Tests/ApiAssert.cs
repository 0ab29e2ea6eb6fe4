using System.Net;
using System.Text.Json;

namespace Sluice.Server.Tests;

/// <summary>Assertions on DM's error contract: a 4xx status and a body of exactly error_msg and error_code.</summary>
internal static class ApiAssert
{
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, int? errorCode, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(JsonValueKind.String, body.GetProperty("error_msg").ValueKind);
        Assert.NotEmpty(body.GetProperty("error_msg").GetString()!);
        Assert.DoesNotContain("Sluice.", body.GetProperty("error_msg").GetString()!, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("error_code").ValueKind);
        if (errorCode is { } code)
            Assert.Equal(code, body.GetProperty("error_code").GetInt32());
        Assert.Equal(2, body.EnumerateObject().Count());
        return body;
    }
}
