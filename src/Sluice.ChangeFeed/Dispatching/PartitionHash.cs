using System.Buffers;
using System.Text;
using Sluice.ChangeFeed.Codecs;

namespace Sluice.ChangeFeed.Dispatching;

/// <summary>
/// A CRC-32 (IEEE 802.3, as zlib and Go's hash/crc32 compute it) over a canonical text of what picks a partition:
/// the same table and values give the same partition in every run and on every machine, unlike
/// <see cref="string.GetHashCode()"/>. Parts are UTF-8, each followed by a zero byte; SQL NULL is one 0xFF byte.
/// </summary>
internal struct PartitionHash
{
    private static readonly uint[] Table = BuildTable();

    private uint _crc;

    public PartitionHash() => _crc = 0xFFFFFFFFu;

    public readonly uint Value => ~_crc;

    public static uint Of(ReadOnlySpan<byte> bytes)
    {
        var hash = new PartitionHash();
        hash.Update(bytes);
        return hash.Value;
    }

    public void Append(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        var n = Encoding.UTF8.GetBytes(text, buffer);
        Update(buffer[..n]);
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
        Update([0]);
    }

    /// <summary>A column value: its MySQL text (<see cref="ColumnValueText.Format"/>), its bytes for binary values.</summary>
    public void AppendValue(object? value)
    {
        switch (value)
        {
            case null:
                Update([0xFF]);
                break;
            case byte[] bytes:
                Update(bytes);
                Update([0]);
                break;
            default:
                Append(ColumnValueText.Format(value) ?? string.Empty);
                break;
        }
    }

    private void Update(ReadOnlySpan<byte> bytes)
    {
        var crc = _crc;
        foreach (var b in bytes)
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        _crc = crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }

        return table;
    }
}
