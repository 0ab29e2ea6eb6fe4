using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Dispatching;

/// <summary>
/// <c>table</c> (and <c>default</c>): every change of a table in one partition, chosen by the hash of schema and
/// table name, so a consumer sees a table's changes in commit order.
/// </summary>
internal sealed class TablePartitionDispatcher : PartitionDispatcher
{
    public static TablePartitionDispatcher Instance { get; } = new();

    public override int GetPartition(RowChangedEvent row, int partitionCount)
    {
        var hash = new PartitionHash();
        AppendTable(ref hash, row.Table);
        return Modulo(hash.Value, partitionCount);
    }
}
