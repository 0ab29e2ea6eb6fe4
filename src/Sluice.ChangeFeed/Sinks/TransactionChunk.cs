using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Sinks;

/// <summary>
/// Rows of one source transaction, in binlog order. A large transaction arrives as several chunks (so memory stays
/// bounded): the first has <see cref="IsFirst"/>, the last <see cref="IsLast"/>; a small one is a single chunk with
/// both. A transactional sink commits at the last chunk.
/// </summary>
public sealed record TransactionChunk(Tso CommitTs, Tso StartTs, IReadOnlyList<RowChangedEvent> Rows, bool IsFirst = true, bool IsLast = true)
{
    public int ApproximateSize
    {
        get
        {
            var size = 64;
            foreach (var row in Rows)
                size += row.ApproximateSize;
            return size;
        }
    }
}
