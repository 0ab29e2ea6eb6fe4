namespace Sluice.ChangeFeed.Sinks.Storage;

/// <summary>
/// One directory of data files (a table version, and date when separated): the index of the last file written
/// there and the encoded rows waiting for the next one.
/// </summary>
/// <remarks>
/// Rows are copied into blocks of <see cref="BlockSize"/> bytes as they come, so a file is written in a few large
/// writes rather than two small ones per row, and the rows' own arrays are garbage at once.
/// </remarks>
internal sealed class DataFileDirectory(string relativePath, ulong lastIndex)
{
    private const int BlockSize = 256 * 1024;

    private readonly List<ReadOnlyMemory<byte>> _pending = [];
    private byte[]? _block;
    private int _blockUsed;

    /// <summary>Relative to the root, '/' separated.</summary>
    public string RelativePath { get; } = relativePath;

    /// <summary>The index of the last data file in the directory; 0 before the first.</summary>
    public ulong LastIndex { get; set; } = lastIndex;

    /// <summary>Bytes waiting: rows with their terminators.</summary>
    public long PendingBytes { get; private set; }

    public bool HasPending => PendingBytes > 0;

    /// <summary>The bytes waiting, in order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Pending
    {
        get
        {
            SealBlock();
            return _pending;
        }
    }

    public void Append(byte[] row, byte[] terminator)
    {
        Copy(row);
        Copy(terminator);
        PendingBytes += row.Length + terminator.Length;
    }

    /// <summary>Forgets the pending rows once they are in a file.</summary>
    public void ClearPending()
    {
        _pending.Clear();
        _block = null;
        _blockUsed = 0;
        PendingBytes = 0;
    }

    private void Copy(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > BlockSize / 4)
        {
            // A large row keeps an array of its own.
            SealBlock();
            _pending.Add(bytes.ToArray());
            return;
        }

        if (_block is null || _blockUsed + bytes.Length > _block.Length)
        {
            SealBlock();
            _block = new byte[BlockSize];
        }

        bytes.CopyTo(_block.AsSpan(_blockUsed));
        _blockUsed += bytes.Length;
    }

    // Moves the filled part of the current block into the pending list; the next bytes start a new block.
    private void SealBlock()
    {
        if (_block is not null && _blockUsed > 0)
            _pending.Add(_block.AsMemory(0, _blockUsed));
        _block = null;
        _blockUsed = 0;
    }
}
