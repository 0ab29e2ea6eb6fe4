using System.Text.Json;
using Sluice.Coordination;

namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// Changefeeds as documents of kind "changefeed" in the metadata store, and their checkpoints as documents of kind
/// "changefeed-checkpoint" under the same name. The sink URI's password is sealed by the <see cref="SecretBox"/>
/// before it is written and opened only to run the changefeed.
/// </summary>
internal sealed class ChangefeedRepository(IMetadataStore store, SecretBox secrets)
{
    public const string Kind = "changefeed";
    public const string CheckpointKind = "changefeed-checkpoint";

    public async Task<IReadOnlyList<StoredChangefeed>> ListAsync(CancellationToken cancellationToken)
    {
        var documents = await store.ListAsync(Kind, cancellationToken).ConfigureAwait(false);
        return [.. documents.Select(Deserialize)];
    }

    /// <summary>Stores a new changefeed; false when the id is taken.</summary>
    public async Task<bool> CreateAsync(StoredChangefeed changefeed, CancellationToken cancellationToken) =>
        await store.CreateAsync(Kind, changefeed.Id, Serialize(changefeed), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Replaces a changefeed; false when it is gone.</summary>
    public async Task<bool> UpdateAsync(StoredChangefeed changefeed, CancellationToken cancellationToken) =>
        await store.UpdateAsync(Kind, changefeed.Id, Serialize(changefeed), null, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Forgets the changefeed and its checkpoint.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(CheckpointKind, id, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(Kind, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The changefeed with the sink URI as given (masked) split into the URI kept and the sealed password.</summary>
    public StoredChangefeed WithSinkUri(StoredChangefeed changefeed, string sinkUri)
    {
        var (masked, password) = SinkUriSecret.Split(sinkUri);
        return changefeed with { SinkUri = masked, SinkPassword = password is null ? null : secrets.Seal(password) };
    }

    /// <summary>The sink URI with its password in clear, for running the changefeed.</summary>
    public string OpenSinkUri(StoredChangefeed changefeed) =>
        SinkUriSecret.Join(changefeed.SinkUri, changefeed.SinkPassword is { } sealedPassword ? secrets.Open(sealedPassword) : null);

    public IChangefeedCheckpointStoreWithReset Checkpoints(string id) => new MetadataCheckpointStore(store, id);

    private static string Serialize(StoredChangefeed changefeed) => JsonSerializer.Serialize(changefeed, CdcJson.Options);

    private static StoredChangefeed Deserialize(StoredDocument document) =>
        JsonSerializer.Deserialize<StoredChangefeed>(document.Document, CdcJson.Options)
        ?? throw new InvalidDataException($"changefeed document {document.Name} is null");
}
