using System.Buffers.Binary;
using System.Text;
using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Decoding;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Tests.Binlog;

/// <summary>Builds event bytes for hand-written fixtures: the 19-byte header, the body given, and a CRC32.</summary>
internal static class EventBytes
{
    public const uint Timestamp = 1_700_000_000; // 2023-11-14T22:13:20Z
    public const uint ServerId = 1;

    /// <summary>
    /// timestamp (4), type (1), server id (4), event size (4), log position (4), flags (2), then the body and,
    /// when <paramref name="checksum"/>, the CRC32 of all of that.
    /// </summary>
    public static byte[] Build(BinlogEventType type, ReadOnlySpan<byte> body, bool checksum = true, uint logPosition = 1000, ushort flags = 0)
    {
        var size = BinlogEventHeader.Size + body.Length + (checksum ? 4 : 0);
        var bytes = new byte[size];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Timestamp);
        bytes[4] = (byte)type;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(5), ServerId);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(9), (uint)size);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(13), logPosition);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(17), flags);
        body.CopyTo(bytes.AsSpan(BinlogEventHeader.Size));
        if (checksum)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(size - 4), Crc32.Compute(bytes.AsSpan(0, size - 4)));
        return bytes;
    }

    /// <summary>Bytes from hex, ignoring spaces and line breaks so fixtures can be laid out field by field.</summary>
    public static byte[] Hex(string hex)
    {
        var clean = new StringBuilder(hex.Length);
        foreach (var c in hex)
        {
            if (!char.IsWhiteSpace(c))
                clean.Append(c);
        }

        return Convert.FromHexString(clean.ToString());
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static byte[] Concat(params byte[][] parts)
    {
        var all = new List<byte>();
        foreach (var part in parts)
            all.AddRange(part);
        return [.. all];
    }

    public static byte[] U16(ushort value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        return b;
    }

    public static byte[] U32(uint value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return b;
    }

    public static byte[] U64(ulong value)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        return b;
    }

    /// <summary>
    /// A MySQL 8.0 FORMAT_DESCRIPTION: binlog version 4, server version "8.0.36" NUL-padded to 50, create
    /// timestamp, header length 19, 41 post-header lengths (types 1..41), checksum algorithm, checksum.
    /// </summary>
    public static byte[] MySqlFormatDescription(bool crc32 = true, ushort flags = 0, params (BinlogEventType Type, byte Length)[] postHeaderOverrides)
    {
        var lengths = PostHeaderLengths.Defaults[..41].ToArray();
        foreach (var (type, length) in postHeaderOverrides)
            lengths[(int)type - 1] = length;
        var body = Concat(
            U16(4),
            ServerVersion("8.0.36"),
            U32(Timestamp),
            [19],
            lengths,
            [crc32 ? (byte)1 : (byte)0]);

        // A checksum-aware server always leaves the 4-byte checksum slot, zero when checksums are OFF.
        if (crc32)
            return Build(BinlogEventType.FormatDescription, body, checksum: true, logPosition: 124, flags: flags);
        return Build(BinlogEventType.FormatDescription, Concat(body, [0, 0, 0, 0]), checksum: false, logPosition: 124, flags: flags);
    }

    /// <summary>A decoder that has seen <see cref="MySqlFormatDescription"/>.</summary>
    public static BinlogEventDecoder MySqlDecoder(bool verifyChecksums = true, bool crc32 = true)
    {
        var decoder = new BinlogEventDecoder(verifyChecksums);
        decoder.Decode(MySqlFormatDescription(crc32));
        return decoder;
    }

    /// <summary>A decoder that has seen the FORMAT_DESCRIPTION of the MariaDB 10.11 fixture files.</summary>
    public static BinlogEventDecoder MariaDbDecoder(bool verifyChecksums = true)
    {
        var decoder = new BinlogEventDecoder(verifyChecksums);
        decoder.Decode(Fixtures.Events("mariadb-basic.binlog")[0]);
        return decoder;
    }

    private static byte[] ServerVersion(string version)
    {
        var bytes = new byte[50];
        Encoding.ASCII.GetBytes(version).CopyTo(bytes, 0);
        return bytes;
    }
}
