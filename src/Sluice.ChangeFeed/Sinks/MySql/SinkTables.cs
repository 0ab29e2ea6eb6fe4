using MySqlConnector;
using Sluice.ChangeFeed.Model;
using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>
/// The <see cref="SinkTable"/> of each captured table version, built on first use from its columns and the target
/// table's primary and unique keys (read from the target, as DM's sync unit does: the target's keys decide how a row
/// is found there), and forgotten after a DDL so the next row reads them again.
/// </summary>
internal sealed class SinkTables(StatementLimits limits)
{
    private readonly Dictionary<TableName, SinkTable> _tables = [];

    public async ValueTask<SinkTable> GetAsync(ChangeTable table, MySqlConnection target, CancellationToken cancellationToken)
    {
        var name = new TableName(table.Schema, table.Name);
        // One version of a table has one structure, whichever instance describes it.
        if (_tables.TryGetValue(name, out var known) && known.Source.Version == table.Version && known.Source.Columns.Count == table.Columns.Count)
            return known;
        var keys = await UniqueKeys.LoadAsync(target, name, null, cancellationToken).ConfigureAwait(false);
        var primary = keys.FirstOrDefault(k => k.IsPrimary)?.Columns ?? [];
        var columns = TargetColumns.For(table, primary);
        var sinkTable = new SinkTable(
            table,
            new RowStatementBuilder(TargetTable.Create(name, columns, keys), limits),
            new RowCausalityKeys(table.Schema, table.Name, [.. table.Columns.Select(c => c.Name)], keys));
        _tables[name] = sinkTable;
        return sinkTable;
    }

    /// <summary>Forgets every table: a DDL may have changed any target table's keys.</summary>
    public void ForgetAll() => _tables.Clear();
}
