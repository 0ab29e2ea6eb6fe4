using MySqlConnector;
using Sluice.Migration.Dump;
using Sluice.Migration.Load;
using Sluice.Migration.Sync;
using Sluice.Replication.Filtering;
using Sluice.Replication.Routing;

namespace Sluice.Migration.Schema;

/// <summary>
/// The table structures a task's schema tracker keeps for one source, as recorded in its checkpoint on the target:
/// listed, read, replaced (DM's <c>binlog-schema update</c>) and removed while the task does not run. The sync unit
/// starts from them the next time it runs.
/// </summary>
public sealed class TableStructures
{
    private readonly MigrationTask _task;
    private readonly SourceInstance _source;
    private readonly SyncerCheckpointStore _store;

    public TableStructures(MigrationTask task, string sourceId)
    {
        ArgumentNullException.ThrowIfNull(task);
        _task = task;
        _source = task.Sources.FirstOrDefault(s => s.SourceId == sourceId)
            ?? throw new ArgumentException($"the task {task.Name} has no source {sourceId}", nameof(sourceId));
        _store = new SyncerCheckpointStore(task.MetaSchema, task.Name, sourceId);
    }

    /// <summary>Every tracked table, by schema then name.</summary>
    public async Task<IReadOnlyList<TableName>> ListAsync(CancellationToken cancellationToken)
    {
        var target = await TargetSession.OpenAsync(_task.Target, cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
            return [.. (await ReadAsync(target, cancellationToken).ConfigureAwait(false)).Select(t => t.Name)];
    }

    /// <summary>The tracked CREATE TABLE of <paramref name="table"/>, or null when it is not tracked.</summary>
    public async Task<TrackedTable?> GetAsync(TableName table, CancellationToken cancellationToken)
    {
        var target = await TargetSession.OpenAsync(_task.Target, cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
            return (await ReadAsync(target, cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Name == table);
    }

    /// <summary>Tracks <paramref name="table"/> as <paramref name="createTable"/> creates it (the statement's own table name does not matter).</summary>
    /// <exception cref="TableStructureException">Not one CREATE TABLE, or refused by the target's server.</exception>
    public async Task<TrackedTable> SetAsync(TableName table, string createTable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createTable);
        try
        {
            ScratchTables.ParseCreateTable(createTable, table.Schema);
        }
        catch (MigrationException ex)
        {
            throw new TableStructureException(ex.Message, TableStructureError.InvalidStatement, ex);
        }

        var target = await TargetSession.OpenAsync(_task.Target, cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
        {
            await _store.PrepareAsync(target, cancellationToken).ConfigureAwait(false);
            var copies = new ScratchTables(target, _task.MetaSchema, $"{_task.Name}\0{_source.SourceId}");
            TrackedTable? structure;
            try
            {
                await copies.CreateAsync(new TrackedTable(table, createTable, []), cancellationToken).ConfigureAwait(false);
                structure = await copies.ReadAsync(table, cancellationToken).ConfigureAwait(false);
            }
            catch (MySqlException ex)
            {
                throw new TableStructureException($"the target's server refused the CREATE TABLE: {ex.Message} [MySQL error {ex.Number}]", TableStructureError.Refused, ex);
            }
            finally
            {
                await copies.DropAllAsync(cancellationToken).ConfigureAwait(false);
            }

            if (structure is null)
                throw new TableStructureException("the CREATE TABLE created no table", TableStructureError.InvalidStatement);
            await _store.SaveStructuresAsync(target, [structure], [], cancellationToken).ConfigureAwait(false);
            return structure;
        }
    }

    /// <summary>Tracks <paramref name="table"/> as the source has it now.</summary>
    /// <exception cref="TableStructureException">The source has no such table.</exception>
    public async Task<TrackedTable> SetFromSourceAsync(TableName table, CancellationToken cancellationToken)
    {
        var source = await SourceConnections.OpenAsync(_source.Connection, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var structure = await TableStructureReader.ReadAsync(source, table, table, null, cancellationToken).ConfigureAwait(false)
                ?? throw new TableStructureException($"the source has no table {table}", TableStructureError.NotFound);
            return await SaveAsync(structure, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Tracks <paramref name="table"/> as its routed target table is now.</summary>
    /// <exception cref="TableStructureException">The target has no such table.</exception>
    public async Task<TrackedTable> SetFromTargetAsync(TableName table, CancellationToken cancellationToken)
    {
        var routed = new TableRouter(_source.Routes, _task.CaseSensitive).Route(table);
        var target = await TargetSession.OpenAsync(_task.Target, cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
        {
            var structure = await TableStructureReader.ReadAsync(target, routed, table, null, cancellationToken).ConfigureAwait(false)
                ?? throw new TableStructureException($"the target has no table {routed} (where {table} goes)", TableStructureError.NotFound);
            await _store.PrepareAsync(target, cancellationToken).ConfigureAwait(false);
            await _store.SaveStructuresAsync(target, [structure], [], cancellationToken).ConfigureAwait(false);
            return structure;
        }
    }

    /// <summary>Stops tracking <paramref name="table"/>: the sync unit learns it again when its rows come.</summary>
    /// <exception cref="TableStructureException">It is not tracked.</exception>
    public async Task DeleteAsync(TableName table, CancellationToken cancellationToken)
    {
        var target = await TargetSession.OpenAsync(_task.Target, cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
        {
            if (!(await ReadAsync(target, cancellationToken).ConfigureAwait(false)).Any(t => t.Name == table))
                throw new TableStructureException($"the table {table} is not tracked", TableStructureError.NotFound);
            await _store.SaveStructuresAsync(target, [], [table], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TrackedTable> SaveAsync(TrackedTable structure, CancellationToken cancellationToken)
    {
        var target = await TargetSession.OpenAsync(_task.Target, cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
        {
            await _store.PrepareAsync(target, cancellationToken).ConfigureAwait(false);
            await _store.SaveStructuresAsync(target, [structure], [], cancellationToken).ConfigureAwait(false);
            return structure;
        }
    }

    private async Task<IReadOnlyList<TrackedTable>> ReadAsync(MySqlConnection target, CancellationToken cancellationToken)
    {
        try
        {
            return await _store.ReadStructuresAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.NoSuchTable or MySqlErrorCode.UnknownDatabase)
        {
            // The task never ran: nothing is tracked yet.
            return [];
        }
    }
}
