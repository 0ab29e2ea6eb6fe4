using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Dispatching;

/// <summary>
/// <c>index-value</c>: the hash of the table and the values of its handle key (primary key, else the first NOT NULL
/// unique key), or of a named index's columns; changes to one row share a partition while a table spreads over all.
/// A table without a handle key hashes its name only, as TiCDC does.
/// </summary>
internal sealed class IndexValuePartitionDispatcher : PartitionDispatcher
{
    private readonly string? _index;
    private readonly IndexColumnsResolver? _resolver;

    public IndexValuePartitionDispatcher(string? index, IndexColumnsResolver? resolver)
    {
        _index = string.IsNullOrEmpty(index) ? null : index;
        _resolver = resolver;
    }

    public override int GetPartition(RowChangedEvent row, int partitionCount)
    {
        var hash = new PartitionHash();
        AppendTable(ref hash, row.Table);
        AppendColumns(ref hash, row, Columns(row.Table));
        return Modulo(hash.Value, partitionCount);
    }

    private IReadOnlyList<int> Columns(ChangeTable table)
    {
        if (_index is null)
            return table.HandleKeyColumns;
        if (_resolver?.Invoke(table, _index) is { } columns)
            return columns;
        if (string.Equals(_index, "PRIMARY", StringComparison.OrdinalIgnoreCase) && table.HasPrimaryKey)
            return [.. Enumerable.Range(0, table.Columns.Count).Where(i => table.Columns[i].IsPrimaryKey)];
        throw Failed($"index-value dispatcher: table {table.QualifiedName} has no index named {_index}");
    }
}

/// <summary>The column positions of a named index of a table; null when the table has no such index.</summary>
public delegate IReadOnlyList<int>? IndexColumnsResolver(ChangeTable table, string index);
