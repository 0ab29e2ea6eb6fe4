using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Dispatching;

/// <summary>A partition given by number: every change of the matched tables goes there.</summary>
internal sealed class FixedPartitionDispatcher : PartitionDispatcher
{
    public FixedPartitionDispatcher(int partition) => Partition = partition;

    public int Partition { get; }

    public override int GetPartition(RowChangedEvent row, int partitionCount) =>
        Partition < partitionCount
            ? Partition
            : throw Failed($"dispatcher sends {row.Table.QualifiedName} to partition {Partition}, but its topic has {partitionCount} partitions");
}
