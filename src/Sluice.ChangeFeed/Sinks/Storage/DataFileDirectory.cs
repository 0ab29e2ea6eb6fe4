namespace Sluice.ChangeFeed.Sinks.Storage;

/// <summary>
/// One directory of data files (a table version, and date when separated): the index of the last file written
/// there and the encoded rows waiting for the next one.
/// </summary>
internal sealed class DataFileDirectory(string relativePath, ulong lastIndex)
{
    private readonly List<ReadOnlyMemory<byte>> _pending = [];

    /// <summary>Relative to the root, '/' separated.</summary>
    public string RelativePath { get; } = relativePath;

    /// <summary>The index of the last data file in the directory; 0 before the first.</summary>
    public ulong LastIndex { get; set; } = lastIndex;

    /// <summary>Bytes waiting: rows with their terminators.</summary>
    public long PendingBytes { get; private set; }

    public bool HasPending => _pending.Count > 0;

    public IReadOnlyList<ReadOnlyMemory<byte>> Pending => _pending;

    public void Append(byte[] row, byte[] terminator)
    {
        _pending.Add(row);
        _pending.Add(terminator);
        PendingBytes += row.Length + terminator.Length;
    }

    /// <summary>Forgets the pending rows once they are in a file.</summary>
    public void ClearPending()
    {
        _pending.Clear();
        PendingBytes = 0;
    }
}
