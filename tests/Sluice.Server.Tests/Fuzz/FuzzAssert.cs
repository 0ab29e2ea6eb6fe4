using System.Net;
using System.Text.Json;

namespace Sluice.Server.Tests.Fuzz;

/// <summary>
/// Collects what a fuzz run found instead of stopping at the first: a 5xx, a 4xx whose body is not exactly
/// {error_msg, error_code}, or a success where a failure was due.
/// </summary>
internal sealed class FuzzAssert
{
    private readonly List<string> _failures = [];

    public int Requests { get; private set; }

    /// <summary>The answer must be a 4xx in DM's error shape.</summary>
    public async Task ClientErrorAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken) =>
        await CheckAsync(response, what, successAllowed: false, cancellationToken);

    /// <summary>The answer may be a success; a failure must be a 4xx in DM's error shape.</summary>
    public async Task NoServerErrorAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken) =>
        await CheckAsync(response, what, successAllowed: true, cancellationToken);

    public void Fail(string what) => _failures.Add(what);

    /// <summary>The server must still answer after a fuzz run.</summary>
    public static async Task StillServingAsync(ServerHost host, CancellationToken cancellationToken)
    {
        using var response = await host.Client.GetAsync("/api/v1/sources", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void AssertNone() =>
        Assert.True(_failures.Count == 0, $"{_failures.Count} of {Requests} requests answered wrongly:\n{string.Join("\n", _failures.Take(60))}");

    private async Task CheckAsync(HttpResponseMessage response, string what, bool successAllowed, CancellationToken cancellationToken)
    {
        Requests++;
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (status < 400)
        {
            if (!successAllowed)
                _failures.Add($"{what}: {status}, a 4xx was due: {Short(text)}");
            return;
        }

        if (status >= 500)
        {
            _failures.Add($"{what}: {status}: {Short(text)}");
            return;
        }

        if (Shape(response, text) is { } problem)
            _failures.Add($"{what}: {status} {problem}: {Short(text)}");
    }

    private static string? Shape(HttpResponseMessage response, string text)
    {
        if (!(response.Content.Headers.ContentType?.MediaType ?? "").StartsWith("application/json", StringComparison.Ordinal))
            return $"content type {response.Content.Headers.ContentType}";
        try
        {
            var body = JsonDocument.Parse(text).RootElement;
            var names = body.ValueKind == JsonValueKind.Object ? body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList() : [];
            if (!names.SequenceEqual(["error_code", "error_msg"]))
                return "not exactly {error_msg, error_code}";
            if (body.GetProperty("error_msg").ValueKind != JsonValueKind.String || body.GetProperty("error_msg").GetString()!.Length == 0)
                return "error_msg is not a non-empty string";
            return body.GetProperty("error_code").ValueKind == JsonValueKind.Number && body.GetProperty("error_code").TryGetInt32(out _)
                ? null
                : "error_code is not an integer";
        }
        catch (JsonException)
        {
            return "body is not JSON";
        }
    }

    private static string Short(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
