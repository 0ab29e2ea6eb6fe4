using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sluice.MySql.Protocol;

/// <summary>
/// CRC-32 as binlog_checksum=CRC32 uses it: IEEE 802.3, reflected, polynomial 0xEDB88320, initial value and
/// final XOR 0xFFFFFFFF (zlib's crc32()). Table-driven, one byte at a time with an 8-table slice for long inputs.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_replication_binlog_event.html (binlog checksum)</remarks>
public static class Crc32
{
    /// <summary>The running state before any byte.</summary>
    public const uint Start = 0xFFFFFFFFu;

    private const uint Polynomial = 0xEDB88320u;

    // Table[k * 256 + b]: CRC of byte b followed by k zero bytes; lets the loop consume 8 bytes per step.
    private static readonly uint[] Table = BuildTable();

    /// <summary>CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    /// <summary>Feeds more bytes into a running state (begin with <see cref="Start"/>, end with <see cref="Finish"/>).</summary>
    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        if (Crc32Folding.IsSupported && data.Length >= Crc32Folding.MinimumLength)
        {
            var folded = data.Length & ~15;
            state = Crc32Folding.Append(state, data[..folded]);
            data = data[folded..];
        }

        return AppendTable(state, data);
    }

    /// <summary>The table-driven path (slicing by 8), for short inputs and processors without carry-less multiply.</summary>
    internal static uint AppendTable(uint state, ReadOnlySpan<byte> data)
    {
        // One flat table, indexed without bounds checks: the indexes are bytes, always below 256 per slice.
        ref var table = ref MemoryMarshal.GetArrayDataReference(Table);
        var crc = state;
        while (data.Length >= 8)
        {
            var low = crc ^ BinaryPrimitives.ReadUInt32LittleEndian(data);
            var high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = Unsafe.Add(ref table, (7 * 256) + (int)(low & 0xFF))
                ^ Unsafe.Add(ref table, (6 * 256) + (int)((low >> 8) & 0xFF))
                ^ Unsafe.Add(ref table, (5 * 256) + (int)((low >> 16) & 0xFF))
                ^ Unsafe.Add(ref table, (4 * 256) + (int)(low >> 24))
                ^ Unsafe.Add(ref table, (3 * 256) + (int)(high & 0xFF))
                ^ Unsafe.Add(ref table, (2 * 256) + (int)((high >> 8) & 0xFF))
                ^ Unsafe.Add(ref table, 256 + (int)((high >> 16) & 0xFF))
                ^ Unsafe.Add(ref table, (int)(high >> 24));
            data = data[8..];
        }

        foreach (var b in data)
            crc = Unsafe.Add(ref table, (int)((crc ^ b) & 0xFF)) ^ (crc >> 8);
        return crc;
    }

    /// <summary>Feeds one byte into a running state.</summary>
    public static uint Append(uint state, byte value) => Table[(state ^ value) & 0xFF] ^ (state >> 8);

    /// <summary>Turns a running state into the checksum.</summary>
    public static uint Finish(uint state) => ~state;

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint b = 0; b < 256; b++)
        {
            var crc = b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            table[b] = crc;
        }

        for (var k = 1; k < 8; k++)
        {
            for (var b = 0; b < 256; b++)
            {
                var previous = table[((k - 1) * 256) + b];
                table[(k * 256) + b] = (previous >> 8) ^ table[previous & 0xFF];
            }
        }

        return table;
    }
}
