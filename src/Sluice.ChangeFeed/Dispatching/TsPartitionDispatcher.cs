using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Dispatching;

/// <summary><c>ts</c>: the commit TSO modulo the partition count, as TiCDC does; a transaction's rows stay together.</summary>
internal sealed class TsPartitionDispatcher : PartitionDispatcher
{
    public static TsPartitionDispatcher Instance { get; } = new();

    public override int GetPartition(RowChangedEvent row, int partitionCount) =>
        (int)(row.CommitTs.Value % (ulong)partitionCount);
}
