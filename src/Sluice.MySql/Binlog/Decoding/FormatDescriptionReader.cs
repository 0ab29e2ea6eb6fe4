using System.Buffers.Binary;
using System.Text;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Decoding;

/// <summary>
/// FORMAT_DESCRIPTION_EVENT: binlog version (2), server version (50, NUL-padded), create timestamp (4), common
/// header length (1), one post-header length per event type, then, when the server knows checksums (MySQL
/// 5.6.1+, MariaDB 5.3+), the checksum algorithm (1) and a checksum slot (4) that is always there, zero when the
/// algorithm is OFF.
/// </summary>
/// <remarks>
/// https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Format__description__event.html ,
/// https://mariadb.com/kb/en/format_description_event/
/// </remarks>
internal static class FormatDescriptionReader
{
    private const int ServerVersionLength = 50;
    private const int AlgorithmAndChecksumLength = 1 + BinlogEventDecoder.ChecksumLength;

    /// <summary>LOG_EVENT_BINLOG_IN_USE_F: set while the file is open and cleared on close without recomputing the checksum.</summary>
    private const byte BinlogInUseFlag = 0x01;

    public static FormatDescriptionEvent Read(BinlogEventHeader header, ReadOnlySpan<byte> eventBytes, bool verifyChecksum)
    {
        var reader = new ByteReader(eventBytes);
        reader.Skip(BinlogEventHeader.Size);
        var binlogVersion = reader.ReadUInt16();
        if (binlogVersion != 4)
            throw new MySqlDecodingException($"expected binlog version 4, found {binlogVersion}", BinlogEventHeader.Size);
        var versionBytes = reader.ReadBytes(ServerVersionLength);
        var nul = versionBytes.IndexOf((byte)0);
        var serverVersion = Encoding.ASCII.GetString(nul < 0 ? versionBytes : versionBytes[..nul]);
        var createTimestamp = reader.ReadUInt32();
        var headerLengthOffset = reader.Offset;
        var commonHeaderLength = reader.ReadByte();
        if (commonHeaderLength != BinlogEventHeader.Size)
            throw new MySqlDecodingException($"expected a common header length of 19, found {commonHeaderLength}", headerLengthOffset);

        var algorithm = BinlogChecksumAlgorithm.Undefined;
        var tableLength = reader.Remaining;
        if (SupportsChecksums(serverVersion))
        {
            if (tableLength < AlgorithmAndChecksumLength)
                throw new MySqlDecodingException($"expected the checksum algorithm and checksum (5 bytes) of a {serverVersion} server, found {tableLength} bytes", reader.Offset);
            tableLength -= AlgorithmAndChecksumLength;
            var algorithmOffset = eventBytes.Length - AlgorithmAndChecksumLength;
            algorithm = eventBytes[algorithmOffset] switch
            {
                0 => BinlogChecksumAlgorithm.None,
                1 => BinlogChecksumAlgorithm.Crc32,
                255 => BinlogChecksumAlgorithm.Undefined,
                var other => throw new MySqlDecodingException($"expected checksum algorithm 0 (OFF), 1 (CRC32) or 255, found {other}", algorithmOffset),
            };
            if (algorithm == BinlogChecksumAlgorithm.Crc32 && verifyChecksum)
                VerifyChecksum(eventBytes);
        }

        var postHeaderLengths = reader.ReadBytes(tableLength).ToArray();
        return new FormatDescriptionEvent(header, binlogVersion, serverVersion, createTimestamp, commonHeaderLength, postHeaderLengths, algorithm);
    }

    /// <summary>True for a MariaDB server version string ("10.11.6-MariaDB-log").</summary>
    public static bool IsMariaDb(string serverVersion) => serverVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a FORMAT_DESCRIPTION of this server version ends with the checksum algorithm and checksum.</summary>
    public static bool SupportsChecksums(string serverVersion)
    {
        var (major, minor, patch) = ParseVersion(serverVersion);
        var version = (major * 1000 * 1000) + (minor * 1000) + patch;
        return IsMariaDb(serverVersion) ? version >= 5_003_000 : version >= 5_006_001;
    }

    // The checksum covers the event as written, when LOG_EVENT_BINLOG_IN_USE_F was not yet cleared for a closed file;
    // MySQL and MariaDB verify it with that flag cleared, so the sum holds whether the file is open or closed.
    private static void VerifyChecksum(ReadOnlySpan<byte> eventBytes)
    {
        const int flagsOffset = 17;
        var covered = eventBytes[..^BinlogEventDecoder.ChecksumLength];
        var state = Crc32.Append(Crc32.Start, covered[..flagsOffset]);
        state = Crc32.Append(state, (byte)(covered[flagsOffset] & ~BinlogInUseFlag));
        var computed = Crc32.Finish(Crc32.Append(state, covered[(flagsOffset + 1)..]));
        var found = BinaryPrimitives.ReadUInt32LittleEndian(eventBytes[^BinlogEventDecoder.ChecksumLength..]);
        if (computed != found)
            throw BinlogEventDecoder.ChecksumMismatch(computed, found, eventBytes.Length - BinlogEventDecoder.ChecksumLength);
    }

    private static (int Major, int Minor, int Patch) ParseVersion(string version)
    {
        Span<int> parts = stackalloc int[3];
        var part = 0;
        var digits = 0;
        foreach (var c in version)
        {
            if (c is >= '0' and <= '9')
            {
                if (digits++ < 3)
                    parts[part] = (parts[part] * 10) + (c - '0');
            }
            else if (c == '.' && digits > 0 && part < 2)
            {
                part++;
                digits = 0;
            }
            else
            {
                break;
            }
        }

        return (parts[0], parts[1], parts[2]);
    }
}
