using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Dispatching;

/// <summary>
/// Picks the partition of a row change among a topic's partitions. Changes to one row must land in one partition,
/// so that a consumer reads them in order; each dispatcher trades that against spreading the load.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-kafka ("Partition dispatchers")</remarks>
internal abstract class PartitionDispatcher
{
    /// <summary>A partition in [0, <paramref name="partitionCount"/>).</summary>
    /// <exception cref="ChangefeedException">CDC:ErrDispatcherFailed: the row lacks what the dispatcher needs.</exception>
    public abstract int GetPartition(RowChangedEvent row, int partitionCount);

    protected static int Modulo(uint hash, int partitionCount) => (int)(hash % (uint)partitionCount);

    protected static void AppendTable(ref PartitionHash hash, ChangeTable table)
    {
        hash.Append(table.Schema);
        hash.Append(table.Name);
    }

    protected static void AppendColumns(ref PartitionHash hash, RowChangedEvent row, IReadOnlyList<int> columns)
    {
        var values = row.Current;
        foreach (var index in columns)
        {
            hash.Append(row.Table.Columns[index].Name);
            hash.AppendValue(values[index]);
        }
    }

    protected static ChangefeedException Failed(string message) => new("CDC:ErrDispatcherFailed", message, isRetryable: false);
}
