using System.Text;
using Sluice.ChangeFeed.Codecs.Avro;

namespace Sluice.ChangeFeed.Tests.Codecs.Avro;

public sealed class ConfluentSchemaRegistryTests : IAsyncLifetime
{
    private const string Schema = """{"type":"record","name":"t","namespace":"default.test","fields":[{"name":"id","type":"int"}]}""";

    private SchemaRegistryServer _server = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await SchemaRegistryServer.StartAsync();
        _http = _server.Client;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_schema_is_posted_once_and_its_id_remembered()
    {
        using var registry = new ConfluentSchemaRegistry(_http);

        var first = await registry.RegisterAsync("t-value", Schema, TestContext.Current.CancellationToken);
        var again = await registry.RegisterAsync("t-value", Schema, TestContext.Current.CancellationToken);

        Assert.Equal(1, first);
        Assert.Equal(first, again);
        Assert.Single(_server.Registrations);
    }

    [Fact]
    public async Task The_same_schema_under_another_subject_is_registered_there_too()
    {
        using var registry = new ConfluentSchemaRegistry(_http);

        var value = await registry.RegisterAsync("t-value", Schema, TestContext.Current.CancellationToken);
        var other = await registry.RegisterAsync("u-value", Schema, TestContext.Current.CancellationToken);

        Assert.Equal(value, other);
        Assert.Equal(["t-value", "u-value"], _server.Registrations.Select(r => r.Subject));
    }

    [Fact]
    public async Task User_and_password_in_the_URL_become_basic_authentication_and_stay_out_of_errors()
    {
        using var registry = new ConfluentSchemaRegistry(_http, new Uri("http://alice:s%3Acret@localhost/"));

        await registry.RegisterAsync("t-value", Schema, TestContext.Current.CancellationToken);
        _server.IncompatibleSubject = "u-value";
        var error = await Assert.ThrowsAsync<ChangefeedException>(() => registry.RegisterAsync("u-value", Schema, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s:cret")), _server.LastAuthorization);
        Assert.DoesNotContain("cret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_the_registry_cannot_parse_is_refused_without_retry()
    {
        using var registry = new ConfluentSchemaRegistry(_http);

        var error = await Assert.ThrowsAsync<ChangefeedException>(() => registry.RegisterAsync("t-value", """{"type":"nonsense"}""", TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("CDC:ErrAvroSchemaAPIError", error.Code);
        Assert.False(error.IsRetryable);
        Assert.Contains("422", error.Message, StringComparison.Ordinal);
    }
}
