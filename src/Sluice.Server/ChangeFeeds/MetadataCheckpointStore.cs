using System.Text.Json;
using Sluice.ChangeFeed;
using Sluice.ChangeFeed.Model;
using Sluice.Coordination;

namespace Sluice.Server.ChangeFeeds;

/// <summary>A checkpoint store that can also forget the checkpoint (resume with overwrite_checkpoint_ts).</summary>
internal interface IChangefeedCheckpointStoreWithReset : IChangefeedCheckpointStore
{
    Task ResetAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One changefeed's checkpoint as a document of kind "changefeed-checkpoint", named by the changefeed's id, with the
/// captured tables' structures at its position, so that a resumed run decodes rows written before a later DDL.
/// </summary>
internal sealed class MetadataCheckpointStore(IMetadataStore store, string id) : IChangefeedCheckpointStoreWithReset
{
    public async Task<ChangefeedCheckpoint?> ReadAsync(CancellationToken cancellationToken)
    {
        var document = await store.GetAsync(ChangefeedRepository.CheckpointKind, id, cancellationToken).ConfigureAwait(false);
        if (document is null)
            return null;
        var stored = JsonSerializer.Deserialize<StoredCheckpoint>(document.Document, CdcJson.Options)
            ?? throw new InvalidDataException($"checkpoint document {id} is null");
        return new ChangefeedCheckpoint(new Tso(stored.CheckpointTs), stored.BinlogFile, stored.BinlogPosition, stored.Gtid, stored.Tables);
    }

    public async Task SaveAsync(ChangefeedCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var text = JsonSerializer.Serialize(
            new StoredCheckpoint(checkpoint.CheckpointTs.Value, checkpoint.BinlogFile, checkpoint.BinlogPosition, checkpoint.Gtid, checkpoint.Tables), CdcJson.Options);

        // Update first: every save but the first finds the document there.
        if (await store.UpdateAsync(ChangefeedRepository.CheckpointKind, id, text, null, cancellationToken).ConfigureAwait(false) is not null)
            return;
        if (await store.CreateAsync(ChangefeedRepository.CheckpointKind, id, text, cancellationToken).ConfigureAwait(false) is null)
            await store.UpdateAsync(ChangefeedRepository.CheckpointKind, id, text, null, cancellationToken).ConfigureAwait(false);
    }

    public Task ResetAsync(CancellationToken cancellationToken) => store.DeleteAsync(ChangefeedRepository.CheckpointKind, id, cancellationToken);
}
