using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Sluice.Server.Errors;

/// <summary>
/// The JSON rules of the DM API: snake_case names as in dm-openapi-spec.yaml, and strict reading (unknown fields,
/// wrong types and missing required fields are errors), so that a typo in a script fails loudly instead of being
/// ignored.
/// </summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.AllowTrailingCommas = false;

        // Answers are JSON for API clients, never embedded in HTML: no need to escape quotes and the like.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        return options;
    }

    /// <summary>Reads the request body as <typeparamref name="T"/>; any fault in it is an <see cref="ApiException"/>.</summary>
    public static async Task<T> ReadBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        T? value;
        try
        {
            value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"bad request body: {JsonErrorText.Describe(e)}");
        }

        return value ?? throw new ApiException(DmErrorCodes.OpenApiCommon, "bad request body: a JSON object is expected, found null");
    }

    /// <summary>Reads the body as one JSON element, for requests that come in more than one shape.</summary>
    public static async Task<JsonElement> ReadElementAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"bad request body: {JsonErrorText.Describe(e)}");
        }
    }

    /// <summary>Converts an element read by <see cref="ReadElementAsync"/>, with the same strictness.</summary>
    public static T Convert<T>(JsonElement element)
        where T : class
    {
        try
        {
            return element.Deserialize<T>(Options)
                ?? throw new ApiException(DmErrorCodes.OpenApiCommon, "bad request body: a JSON object is expected, found null");
        }
        catch (JsonException e)
        {
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"bad request body: {JsonErrorText.Describe(e)}");
        }
    }
}
