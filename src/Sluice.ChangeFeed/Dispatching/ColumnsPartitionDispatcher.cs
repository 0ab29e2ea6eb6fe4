using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Dispatching;

/// <summary><c>columns</c>: the hash of the table and the values of the named columns; a column the table lacks is an error, as in TiCDC.</summary>
internal sealed class ColumnsPartitionDispatcher : PartitionDispatcher
{
    private readonly IReadOnlyList<string> _columns;

    public ColumnsPartitionDispatcher(IReadOnlyList<string> columns) => _columns = columns;

    public override int GetPartition(RowChangedEvent row, int partitionCount)
    {
        var positions = new int[_columns.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = row.Table.IndexOf(_columns[i]);
            if (positions[i] < 0)
                throw Failed($"columns dispatcher: table {row.Table.QualifiedName} has no column {_columns[i]}");
        }

        var hash = new PartitionHash();
        AppendTable(ref hash, row.Table);
        AppendColumns(ref hash, row, positions);
        return Modulo(hash.Value, partitionCount);
    }
}
