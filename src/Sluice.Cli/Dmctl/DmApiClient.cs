using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Cli.Dmctl;

/// <summary>
/// Calls a master's DM OpenAPI v1 (<c>/api/v1</c>) with JSON in and out. When several masters are given, one that
/// cannot be connected to is skipped for the next (as dmctl does with its comma-separated list).
/// </summary>
internal sealed class DmApiClient : IDisposable
{
    /// <summary>A create runs the task's precheck and a stop waits for the task: both can take a while.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _masters;
    private int _current;

    public DmApiClient(IReadOnlyList<Uri> masters)
    {
        ArgumentNullException.ThrowIfNull(masters);
        if (masters.Count == 0)
            throw new ArgumentException("no master address", nameof(masters));
        _masters = masters;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) }) { Timeout = RequestTimeout };
    }

    /// <summary>The master that answered last (the first one before any call).</summary>
    public Uri Master => _masters[_current];

    public Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonNode?> PostAsync(string path, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<JsonNode?> PutAsync(string path, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, body, cancellationToken);

    public Task<JsonNode?> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    /// <returns>The answer's JSON; null when the answer has no body (204, or 200 with nothing).</returns>
    /// <exception cref="DmApiException">The master answered with an error.</exception>
    /// <exception cref="MasterUnreachableException">No master could be connected to, or none answered in time.</exception>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        for (var attempt = 0; attempt < _masters.Count; attempt++)
        {
            var index = (_current + attempt) % _masters.Count;
            var master = _masters[index];
            try
            {
                var answer = await SendToAsync(master, method, path, body, cancellationToken).ConfigureAwait(false);
                _current = index;
                return answer;
            }
            catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
            {
                // Nothing was sent: trying the next master cannot do the call twice.
                failures.Add($"{Display(master)}: {Reason(e)}");
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MasterUnreachableException($"the master at {Display(master)} did not answer {method} {path} within {RequestTimeout.TotalMinutes:0} minutes", e);
            }
            catch (HttpRequestException e)
            {
                throw new MasterUnreachableException($"the call to the master at {Display(master)} failed: {Reason(e)}", e);
            }
        }

        throw new MasterUnreachableException(_masters.Count == 1
            ? $"cannot reach the master at {failures[0]}; is `sluice server` running there? (--master-addr or ${MasterAddress.EnvironmentVariable} say where)"
            : $"cannot reach any master: {string.Join("; ", failures)}");
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode?> SendToAsync(Uri master, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(master, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw Error((int)response.StatusCode, response.ReasonPhrase, text);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new DmApiException(null, $"the master's answer to {method} {path} is not JSON ({e.Message}): {Excerpt(text)}", (int)response.StatusCode);
        }
    }

    /// <summary>DM's error body when the answer has one; else the status and the start of the body.</summary>
    internal static DmApiException Error(int status, string? reason, string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject error
                && error["error_msg"] is JsonValue message && message.TryGetValue<string>(out var messageText)
                && error["error_code"] is JsonValue code && code.TryGetValue<int>(out var codeNumber))
            {
                return new DmApiException(codeNumber, messageText, status);
            }
        }
        catch (JsonException)
        {
            // Not DM's error body: said below with the status.
        }

        var line = $"HTTP {status} {reason}".TrimEnd();
        return new DmApiException(null, string.IsNullOrWhiteSpace(text) ? line : $"{line}: {Excerpt(text)}", status);
    }

    private static string Display(Uri master) => master.GetLeftPart(UriPartial.Authority);

    private static string Reason(HttpRequestException e) => e.InnerException?.Message is { Length: > 0 } inner ? inner : e.Message;

    private static string Excerpt(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim() + "…";
}
