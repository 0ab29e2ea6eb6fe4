using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Sluice.Server.Errors;

namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// The JSON rules of the TiCDC API: snake_case names, strict reading as on the DM side (an unknown field or a wrong
/// type is a 400 naming it, so a typo fails loudly), and answers that write null fields (the list's <c>"error": null</c>)
/// unless a contract type leaves one out.
/// </summary>
internal static class CdcJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Reads the body as <typeparamref name="T"/>; an empty body is <paramref name="empty"/> (or a 400 when null).</summary>
    public static async Task<T> ReadBodyAsync<T>(HttpRequest request, T? empty, CancellationToken cancellationToken)
        where T : class
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            return empty ?? throw CdcApiException.InvalidParam("the request body is empty: a JSON object is expected");
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options)
                ?? throw CdcApiException.InvalidParam("bad request body: a JSON object is expected, found null");
        }
        catch (JsonException e)
        {
            throw CdcApiException.InvalidParam($"bad request body: {JsonErrorText.Describe(e)}");
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = ApiJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }
}
