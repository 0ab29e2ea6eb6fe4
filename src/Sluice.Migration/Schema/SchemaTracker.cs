using MySqlConnector;
using Sluice.Migration.Dump;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Ddl;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Schema;

/// <summary>
/// The sync unit's schema tracker: the structure of every selected source table as of the binlog event being read,
/// which is what its row events are decoded with. It starts from the checkpoint's structures (so a restart decodes
/// older events with the columns they were written with), learns a table it has not seen from the target or the
/// source, and follows every DDL of the binlog by running it on throwaway copies (<see cref="ScratchTables"/>).
/// </summary>
/// <remarks>
/// A table it first meets is taken from the routed target table, as DM does, unless only the source table has the
/// event's column count (the target has extra columns) or the source table has the target's columns in another
/// order (the target's columns were reordered): rows go to the target by column name, so either works there.
/// </remarks>
internal sealed class SchemaTracker(
    MySqlConnection target,
    string scratchSchema,
    string owner,
    Func<TableName, TableName> route,
    Func<TableName, bool> tracks,
    DatabaseEndpoint source,
    IEnumerable<TrackedTable> restored) : IAsyncDisposable
{
    private readonly Dictionary<TableName, TrackedTable> _tables = restored.ToDictionary(t => t.Name);
    private readonly HashSet<TableName> _changed = [];
    private readonly HashSet<TableName> _removed = [];
    private MySqlConnection? _source;

    /// <summary>The columns of <paramref name="map"/>'s table as tracked; null for a table the task does not select or that cannot be found.</summary>
    public async ValueTask<TableSchema?> DescribeAsync(TableMapEvent map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        var name = new TableName(map.SchemaName, map.TableName);
        if (!tracks(name))
            return null;
        if (_tables.TryGetValue(name, out var known) && known.Columns.Count == map.ColumnCount)
            return known.TableSchema;
        var learned = await LearnAsync(name, map.ColumnCount, cancellationToken).ConfigureAwait(false);
        if (learned is null)
            return null;
        Track(learned);
        return learned.TableSchema;
    }

    /// <summary>Follows a DDL of a selected table or database; tables it cannot follow exactly are forgotten and learned again.</summary>
    public async Task ApplyAsync(DdlStatement statement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        switch (statement.Kind)
        {
            case DdlKind.DropDatabase when statement.Schema is { } schema:
                foreach (var table in _tables.Keys.Where(t => string.Equals(t.Schema, schema, StringComparison.Ordinal)).ToList())
                    Forget(table);
                return;
            case DdlKind.DropTable:
                foreach (var table in statement.Tables)
                    Forget(table);
                return;
            case DdlKind.CreateTable or DdlKind.AlterTable or DdlKind.RenameTable or DdlKind.CreateIndex or DdlKind.DropIndex when statement.Tables.Count > 0:
                await RunOnCopiesAsync(statement, cancellationToken).ConfigureAwait(false);
                return;
            default:
                // TRUNCATE, views, databases otherwise: no table changes shape.
                return;
        }
    }

    /// <summary>Forgets tables: the next event of each learns it again.</summary>
    public void Forget(IEnumerable<TableName> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var table in tables)
            Forget(table);
    }

    /// <summary>Structures changed since the last call, and tables dropped since; both then start empty.</summary>
    public (IReadOnlyList<TrackedTable> Changed, IReadOnlyList<TableName> Removed) TakeChanges()
    {
        var changed = _changed.Select(t => _tables[t]).ToList();
        var removed = _removed.ToList();
        _changed.Clear();
        _removed.Clear();
        return (changed, removed);
    }

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
            await _source.DisposeAsync().ConfigureAwait(false);
        _source = null;
    }

    private async Task RunOnCopiesAsync(DdlStatement statement, CancellationToken cancellationToken)
    {
        var subject = statement.Tables[0];
        var result = statement.Kind == DdlKind.RenameTable && statement.Tables.Count > 1 ? statement.Tables[1] : subject;
        var copies = new ScratchTables(target, scratchSchema, owner);
        try
        {
            if (statement.Kind != DdlKind.CreateTable && !_tables.ContainsKey(subject))
            {
                // Not met yet: the target (not yet changed by this DDL) knows it as it was before.
                if (await LearnAsync(subject, null, cancellationToken).ConfigureAwait(false) is { } before)
                    _tables[subject] = before;
            }

            foreach (var table in statement.Tables)
            {
                if (_tables.TryGetValue(table, out var known))
                    await copies.CreateAsync(known, cancellationToken).ConfigureAwait(false);
            }

            await copies.RunAsync(statement, cancellationToken).ConfigureAwait(false);
            var after = await copies.ReadAsync(result, cancellationToken).ConfigureAwait(false);
            if (!result.Equals(subject))
                Forget(subject);
            if (after is null || !tracks(result))
                Forget(result);
            else
                Track(after);
        }
        catch (Exception ex) when (ex is MySqlException or MigrationException)
        {
            // The target's server does not take the statement or a copy (another version's syntax, a missing LIKE
            // model): the tables are learned again from the target once the DDL is applied there.
            Forget(subject);
            Forget(result);
        }
        finally
        {
            await copies.DropAllAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The table from the target (routed) or the source, as the class remarks say; null when neither has it with <paramref name="columns"/> columns.</summary>
    private async Task<TrackedTable?> LearnAsync(TableName name, int? columns, CancellationToken cancellationToken)
    {
        var downstream = await TableStructureReader.ReadAsync(target, route(name), name, null, cancellationToken).ConfigureAwait(false);
        if (columns is null && downstream is not null)
            return downstream;
        _source ??= await SourceConnections.OpenAsync(source, cancellationToken).ConfigureAwait(false);
        var upstream = await TableStructureReader.ReadAsync(_source, name, name, null, cancellationToken).ConfigureAwait(false);
        return Choose(downstream, upstream, columns);
    }

    internal static TrackedTable? Choose(TrackedTable? downstream, TrackedTable? upstream, int? columns)
    {
        var down = downstream is not null && (columns is null || downstream.Columns.Count == columns) ? downstream : null;
        var up = upstream is not null && (columns is null || upstream.Columns.Count == columns) ? upstream : null;
        if (down is null || up is null)
            return down ?? up;
        var downNames = down.Columns.Select(c => c.Name).ToList();
        var upNames = up.Columns.Select(c => c.Name).ToList();
        if (downNames.SequenceEqual(upNames, StringComparer.OrdinalIgnoreCase))
            return down;
        return downNames.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(upNames.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase)
            ? up
            : down;
    }

    private void Track(TrackedTable table)
    {
        _tables[table.Name] = table;
        _changed.Add(table.Name);
        _removed.Remove(table.Name);
    }

    private void Forget(TableName table)
    {
        if (_tables.Remove(table))
            _removed.Add(table);
        _changed.Remove(table);
    }
}
