using MySqlConnector;
using Sluice.MySql.Binlog.Events;
using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Sync;

/// <summary>
/// The routed target table of each source table the binlog names, with its statement builder and causality keys,
/// built on first use from the event's columns and the target table's primary and unique keys, and forgotten
/// after a DDL so the next event builds them again.
/// </summary>
internal sealed class SyncTables(MySqlConnection control, Func<TableName, TableName> route, IReadOnlyList<ExpressionFilterRule> expressionFilters, bool caseSensitive)
{
    private readonly Dictionary<TableName, Entry> _entries = [];

    public async ValueTask<Entry> GetAsync(TableMapEvent map, CancellationToken cancellationToken)
    {
        var source = new TableName(map.SchemaName, map.TableName);
        // A table map with other columns than the cached one (a DDL the source ran that this unit did not see) rebuilds it.
        if (_entries.TryGetValue(source, out var entry) && entry.Columns == map.Columns.Count)
            return entry;
        var target = route(source);
        IReadOnlyList<UniqueKey> keys;
        try
        {
            keys = await UniqueKeys.LoadAsync(control, target, null, cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex)
        {
            throw new MigrationException(
                $"the target table {SqlIdentifier.Quote(target)} (for {SqlIdentifier.Quote(source)}) cannot be read: {ex.Message} [MySQL error {ex.Number}]", ex.Number, ex);
        }

        var table = TargetTable.Create(target, map.Columns, keys);
        entry = new Entry(
            new RowStatementBuilder(table),
            new CausalityKeys(target, map.Columns, keys),
            map.Columns.Count,
            RowValueFilter.For(source, map.Columns, expressionFilters, caseSensitive));
        _entries[source] = entry;
        return entry;
    }

    public void Forget(TableName source) => _entries.Remove(source);

    public void ForgetAll() => _entries.Clear();

    /// <param name="Values">The table's expression filters; null when none names it.</param>
    internal sealed record Entry(RowStatementBuilder Builder, CausalityKeys Keys, int Columns, RowValueFilter? Values);
}
