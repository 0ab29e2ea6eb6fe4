using System.Buffers.Binary;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Positions;

// The binary form sent in COM_BINLOG_DUMP_GTID and written in PREVIOUS_GTIDS_LOG_EVENT: all integers
// little-endian, intervals half-open.
//   n_sids        u64
//   per sid:      uuid (16 bytes, big-endian as printed), n_intervals u64, then per interval start u64, end u64 (exclusive)
// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_replication_binlog_dump_gtid.html
public sealed partial class GtidSet
{
    private const int SourceHeaderLength = 16 + 8;
    private const int IntervalLength = 8 + 8;

    /// <summary>Bytes that <see cref="Encode(Span{byte})"/> writes.</summary>
    public int EncodedLength
    {
        get
        {
            var length = 8;
            foreach (var list in _intervals)
                length += SourceHeaderLength + (list.Length * IntervalLength);
            return length;
        }
    }

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        Encode(bytes);
        return bytes;
    }

    /// <summary>Writes the binary form to the start of <paramref name="destination"/>; returns the bytes written.</summary>
    public int Encode(Span<byte> destination)
    {
        var length = EncodedLength;
        if (destination.Length < length)
            throw new ArgumentException($"the GTID set needs {length} bytes, the destination has {destination.Length}", nameof(destination));

        BinaryPrimitives.WriteUInt64LittleEndian(destination, (ulong)_sourceIds.Length);
        var at = 8;
        for (var i = 0; i < _sourceIds.Length; i++)
        {
            _sourceIds[i].TryWriteBytes(destination.Slice(at, 16), bigEndian: true, out _);
            at += 16;
            var list = _intervals[i];
            BinaryPrimitives.WriteUInt64LittleEndian(destination[at..], (ulong)list.Length);
            at += 8;
            foreach (var interval in list)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination[at..], (ulong)interval.Start);
                BinaryPrimitives.WriteUInt64LittleEndian(destination[(at + 8)..], (ulong)interval.End + 1);
                at += IntervalLength;
            }
        }

        return at;
    }

    /// <summary>Reads the binary form, leaving <paramref name="reader"/> after it. Intervals may come in any
    /// order and may repeat a source; the result is normalised.</summary>
    /// <exception cref="MySqlDecodingException">The bytes are truncated, a count cannot fit the bytes left,
    /// or an interval is empty or out of range.</exception>
    public static GtidSet Decode(ref ByteReader reader)
    {
        var countAt = reader.Offset;
        var sourceCount = reader.ReadUInt64();
        if (sourceCount > (ulong)(reader.Remaining / SourceHeaderLength))
        {
            throw new MySqlDecodingException(
                $"expected a source count that fits the {reader.Remaining} bytes left ({SourceHeaderLength} bytes each), found {sourceCount}",
                countAt);
        }

        if (sourceCount == 0)
            return Empty;

        var bySource = new Dictionary<Guid, List<GtidInterval>>((int)sourceCount);
        for (var i = 0UL; i < sourceCount; i++)
        {
            var sourceId = new Guid(reader.ReadBytes(16), bigEndian: true);
            var intervalCountAt = reader.Offset;
            var intervalCount = reader.ReadUInt64();
            if (intervalCount > (ulong)(reader.Remaining / IntervalLength))
            {
                throw new MySqlDecodingException(
                    $"expected an interval count that fits the {reader.Remaining} bytes left ({IntervalLength} bytes each), found {intervalCount}",
                    intervalCountAt);
            }

            if (!bySource.TryGetValue(sourceId, out var intervals))
                bySource[sourceId] = intervals = new List<GtidInterval>((int)intervalCount);

            for (var k = 0UL; k < intervalCount; k++)
            {
                var intervalAt = reader.Offset;
                var start = reader.ReadUInt64();
                var end = reader.ReadUInt64();
                if (start < 1 || end <= start || end > long.MaxValue)
                {
                    throw new MySqlDecodingException(
                        $"expected an interval with 1 <= start < end <= 2^63-1 (end exclusive), found start {start} and end {end}",
                        intervalAt);
                }

                intervals.Add(new GtidInterval((long)start, (long)end - 1));
            }
        }

        return FromUnsorted(bySource);
    }
}
