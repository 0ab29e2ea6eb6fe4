using System.Text.Json;
using Sluice.Coordination;
using Sluice.Server.Errors;

namespace Sluice.Server.Sources;

/// <summary>
/// Sources as documents of kind "source" in the metadata store. Secrets (the password, the TLS key) are sealed by
/// the <see cref="SecretBox"/> before they are written and opened only to connect; what goes out through the API is
/// <see cref="Masked"/>.
/// </summary>
internal sealed class SourceRepository(IMetadataStore store, SecretBox secrets)
{
    private const string Kind = "source";
    public const string MaskedPassword = "******";

    public async Task<Source?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var document = await store.GetAsync(Kind, name, cancellationToken).ConfigureAwait(false);
        return document is null ? null : Deserialize(document);
    }

    /// <summary>The stored source; an <see cref="ApiException"/> (DM's code for a missing source) when there is none.</summary>
    public async Task<Source> GetRequiredAsync(string name, CancellationToken cancellationToken) =>
        await GetAsync(name, cancellationToken).ConfigureAwait(false) ?? throw NotFound(name);

    public async Task<IReadOnlyList<Source>> ListAsync(CancellationToken cancellationToken)
    {
        var documents = await store.ListAsync(Kind, cancellationToken).ConfigureAwait(false);
        return [.. documents.Select(Deserialize)];
    }

    /// <summary>Stores a new source (secrets in clear, sealed here); false when the name is taken.</summary>
    public async Task<bool> CreateAsync(Source source, CancellationToken cancellationToken) =>
        await store.CreateAsync(Kind, source.SourceName, Serialize(Seal(source)), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Replaces a source (secrets in clear or already sealed); false when there is none.</summary>
    public async Task<bool> UpdateAsync(Source source, CancellationToken cancellationToken) =>
        await store.UpdateAsync(Kind, source.SourceName, Serialize(Seal(source)), null, cancellationToken).ConfigureAwait(false) is not null;

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) => store.DeleteAsync(Kind, name, cancellationToken);

    /// <summary>The password in clear, for connecting.</summary>
    public string? OpenPassword(Source source) =>
        SecretBox.IsSealed(source.Password) ? secrets.Open(source.Password!) : source.Password;

    /// <summary>The source as the API shows it: password masked, security hidden (as DM does).</summary>
    public static Source Masked(Source source) => source with { Password = MaskedPassword, Security = null };

    public static ApiException NotFound(string name) =>
        new(DmErrorCodes.SchedulerSourceCfgNotExist, $"source {name} does not exist");

    private Source Seal(Source source) => source with
    {
        Password = source.Password is { } password && !SecretBox.IsSealed(password) ? secrets.Seal(password) : source.Password,
        Security = source.Security is { } security && !SecretBox.IsSealed(security.SslKeyContent) && security.SslKeyContent.Length > 0
            ? security with { SslKeyContent = secrets.Seal(security.SslKeyContent) }
            : source.Security,
        StatusList = null,
        TaskNameList = null,
    };

    private static string Serialize(Source source) => JsonSerializer.Serialize(source, ApiJson.Options);

    private static Source Deserialize(StoredDocument document) =>
        JsonSerializer.Deserialize<Source>(document.Document, ApiJson.Options)
        ?? throw new InvalidDataException($"source document {document.Name} is null");
}
