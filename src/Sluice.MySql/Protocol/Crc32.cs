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

    // Tables[k][b]: CRC of byte b followed by k zero bytes; lets the loop consume 8 bytes per step.
    private static readonly uint[][] Tables = BuildTables();

    /// <summary>CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    /// <summary>Feeds more bytes into a running state (begin with <see cref="Start"/>, end with <see cref="Finish"/>).</summary>
    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        var t0 = Tables[0];
        var t1 = Tables[1];
        var t2 = Tables[2];
        var t3 = Tables[3];
        var t4 = Tables[4];
        var t5 = Tables[5];
        var t6 = Tables[6];
        var t7 = Tables[7];
        var crc = state;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            var low = crc ^ (uint)(data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
            crc = t7[low & 0xFF] ^ t6[(low >> 8) & 0xFF] ^ t5[(low >> 16) & 0xFF] ^ t4[low >> 24]
                ^ t3[data[i + 4]] ^ t2[data[i + 5]] ^ t1[data[i + 6]] ^ t0[data[i + 7]];
        }

        for (; i < data.Length; i++)
            crc = t0[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    /// <summary>Feeds one byte into a running state.</summary>
    public static uint Append(uint state, byte value) => Tables[0][(state ^ value) & 0xFF] ^ (state >> 8);

    /// <summary>Turns a running state into the checksum.</summary>
    public static uint Finish(uint state) => ~state;

    private static uint[][] BuildTables()
    {
        var tables = new uint[8][];
        for (var k = 0; k < 8; k++)
            tables[k] = new uint[256];
        for (uint b = 0; b < 256; b++)
        {
            var crc = b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            tables[0][b] = crc;
        }

        for (var b = 0; b < 256; b++)
        {
            for (var k = 1; k < 8; k++)
                tables[k][b] = (tables[k - 1][b] >> 8) ^ tables[0][tables[k - 1][b] & 0xFF];
        }

        return tables;
    }
}
