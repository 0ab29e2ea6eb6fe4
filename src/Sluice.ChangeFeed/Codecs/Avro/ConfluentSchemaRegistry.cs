using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Sluice.ChangeFeed.Codecs.Avro;

/// <summary>
/// A client of the Confluent schema registry REST API over <see cref="HttpClient"/>: <c>POST /subjects/{subject}/versions</c>,
/// with the ids it answers cached per subject and schema so that each schema is registered once per process.
/// </summary>
/// <remarks>https://docs.confluent.io/platform/current/schema-registry/develop/api.html#post--subjects-(string-%20subject)-versions</remarks>
public sealed class ConfluentSchemaRegistry : ISchemaRegistry, IDisposable
{
    private const string ContentType = "application/vnd.schemaregistry.v1+json";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _baseAddress;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly ConcurrentDictionary<(string Subject, string Schema), int> _ids = new();

    /// <param name="http">The client to send requests with; the caller keeps ownership.</param>
    /// <param name="baseAddress">The registry's URL (user:password in it become basic authentication); the client's base address when null.</param>
    public ConfluentSchemaRegistry(HttpClient http, Uri? baseAddress = null)
        : this(http, baseAddress, ownsHttp: false)
    {
    }

    /// <summary>A registry client with its own <see cref="HttpClient"/>, for the URL given as the changefeed's schema-registry.</summary>
    public ConfluentSchemaRegistry(Uri baseAddress)
        : this(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, baseAddress, ownsHttp: true)
    {
    }

    private ConfluentSchemaRegistry(HttpClient http, Uri? baseAddress, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _ownsHttp = ownsHttp;
        var address = baseAddress ?? http.BaseAddress
            ?? throw new ArgumentException("the schema registry needs an address", nameof(baseAddress));
        if (!string.IsNullOrEmpty(address.UserInfo))
        {
            _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(address.UserInfo))));
            address = new UriBuilder(address) { UserName = string.Empty, Password = string.Empty }.Uri;
        }

        _baseAddress = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
    }

    public async ValueTask<int> RegisterAsync(string subject, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schema);
        if (_ids.TryGetValue((subject, schema), out var cached))
            return cached;

        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["schema"] = schema });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, $"subjects/{Uri.EscapeDataString(subject)}/versions"));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        request.Headers.Accept.ParseAdd(ContentType);
        request.Headers.Authorization = _authorization;

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ChangefeedException("CDC:ErrAvroSchemaAPIError", $"schema registry {Redacted()} unreachable: {e.Message}", isRetryable: true, e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                // 409 is an incompatible schema and 422 an invalid one: trying again cannot help; 5xx may pass.
                var retryable = response.StatusCode >= HttpStatusCode.InternalServerError || response.StatusCode == HttpStatusCode.TooManyRequests;
                throw new ChangefeedException(
                    "CDC:ErrAvroSchemaAPIError",
                    $"schema registry {Redacted()} refused the schema of subject {subject}: {(int)response.StatusCode} {text}",
                    retryable);
            }

            int id;
            try
            {
                using var document = JsonDocument.Parse(text);
                id = document.RootElement.GetProperty("id").GetInt32();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new ChangefeedException("CDC:ErrAvroSchemaAPIError", $"schema registry {Redacted()} answered without an id: {text}", isRetryable: false, e);
            }

            _ids[(subject, schema)] = id;
            return id;
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
            _http.Dispose();
    }

    private string Redacted() => _baseAddress.GetLeftPart(UriPartial.Authority);
}
