using Sluice.MySql.Positions;
using Sluice.MySql.Protocol;
using Xunit;

namespace Sluice.MySql.Tests.Positions;

public sealed class GtidSetBinaryTests
{
    private const string A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private const string B = "8a94f357-aab4-11df-86ab-c80aa9429562";

    // 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:11-18 in the COM_BINLOG_DUMP_GTID / PREVIOUS_GTIDS layout.
    private static readonly byte[] s_oneSource =
    [
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // n_sids = 1
        0x3E, 0x11, 0xFA, 0x47, 0x71, 0xCA, 0x11, 0xE1, 0x9E, 0x33, 0xC8, 0x0A, 0xA9, 0x42, 0x95, 0x62, // uuid as printed
        0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // n_intervals = 2
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // start 1
        0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // end 6 (exclusive: 1-5)
        0x0B, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // start 11
        0x13, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // end 19 (exclusive: 11-18)
    ];

    [Fact]
    public void Encode_writes_the_dump_gtid_layout()
    {
        var set = GtidSet.Parse($"{A}:1-5:11-18");

        Assert.Equal(s_oneSource, set.Encode());
        Assert.Equal(s_oneSource.Length, set.EncodedLength);
    }

    [Fact]
    public void Decode_reads_the_dump_gtid_layout_and_stops_after_it()
    {
        var bytes = s_oneSource.Concat(new byte[] { 0xAA, 0xBB }).ToArray();
        var reader = new ByteReader(bytes);

        var set = GtidSet.Decode(ref reader);

        Assert.Equal($"{A}:1-5:11-18", set.ToString());
        Assert.Equal(s_oneSource.Length, reader.Offset);
    }

    [Fact]
    public void Encode_writes_sources_in_printed_order()
    {
        var set = GtidSet.Parse($"{B}:7,{A}:1");

        var bytes = set.Encode();

        Assert.Equal(8 + (2 * (16 + 8 + 16)), bytes.Length);
        Assert.Equal(2UL, BitConverter.ToUInt64(bytes, 0));
        Assert.Equal(Guid.Parse(A), new Guid(bytes.AsSpan(8, 16), bigEndian: true));
        Assert.Equal(Guid.Parse(B), new Guid(bytes.AsSpan(48, 16), bigEndian: true));
        Assert.Equal(7UL, BitConverter.ToUInt64(bytes, 48 + 24));
        Assert.Equal(8UL, BitConverter.ToUInt64(bytes, 48 + 32));
    }

    [Fact]
    public void The_empty_set_is_a_zero_count()
    {
        Assert.Equal(new byte[8], GtidSet.Empty.Encode());

        var reader = new ByteReader(new byte[8]);
        Assert.Same(GtidSet.Empty, GtidSet.Decode(ref reader));
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Encode_into_a_span_reports_the_length_and_rejects_a_short_destination()
    {
        var set = GtidSet.Parse($"{A}:1-5:11-18");
        var destination = new byte[100];

        Assert.Equal(s_oneSource.Length, set.Encode(destination));
        Assert.Equal(s_oneSource, destination[..s_oneSource.Length]);
        Assert.Throws<ArgumentException>(() => set.Encode(new byte[10]));
    }

    [Fact]
    public void Decode_normalises_unsorted_overlapping_and_repeated_sources()
    {
        var bytes = new List<byte>();
        void U64(ulong value) => bytes.AddRange(BitConverter.GetBytes(value));
        void Uuid(string text)
        {
            var uuid = new byte[16];
            Guid.Parse(text).TryWriteBytes(uuid, bigEndian: true, out _);
            bytes.AddRange(uuid);
        }

        U64(3);
        Uuid(B);
        U64(1);
        U64(1);
        U64(2);
        Uuid(A);
        U64(2);
        U64(10);
        U64(21);
        U64(1);
        U64(11);
        Uuid(B);
        U64(1);
        U64(2);
        U64(4);
        var reader = new ByteReader([.. bytes]);

        var set = GtidSet.Decode(ref reader);

        Assert.Equal($"{A}:1-20,{B}:1-3", set.ToString());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Every_truncation_throws_a_decoding_exception()
    {
        for (var length = 0; length < s_oneSource.Length; length++)
        {
            var bytes = s_oneSource[..length];
            Assert.Throws<MySqlDecodingException>(() =>
            {
                var reader = new ByteReader(bytes);
                GtidSet.Decode(ref reader);
            });
        }
    }

    [Theory]
    [InlineData(0, 0xFFFFFFFFFFFFFFFF)] // n_sids absurd
    [InlineData(0, 3)] // n_sids more than the 56 bytes left could hold (24 bytes each at least)
    [InlineData(24, 0x8000000000000000)] // n_intervals absurd
    [InlineData(24, 3)] // n_intervals one more than the 32 bytes left hold
    [InlineData(32, 0)] // start 0
    [InlineData(40, 1)] // end == start: empty interval
    [InlineData(40, 0)] // end before start
    [InlineData(56, 0x8000000000000000)] // end beyond 2^63-1
    public void Malformed_counts_and_intervals_throw_a_decoding_exception(int offset, ulong value)
    {
        var bytes = (byte[])s_oneSource.Clone();
        BitConverter.TryWriteBytes(bytes.AsSpan(offset, 8), value);

        var error = Assert.Throws<MySqlDecodingException>(() =>
        {
            var reader = new ByteReader(bytes);
            GtidSet.Decode(ref reader);
        });
        Assert.Equal(offset - (offset is 40 or 56 ? 8 : 0), error.Offset);
    }

    [Fact]
    public void The_largest_transaction_number_round_trips()
    {
        var set = GtidSet.Empty.Add(Guid.Parse(A), new GtidInterval(GtidInterval.MaxTransactionNumber - 1, GtidInterval.MaxTransactionNumber));
        var bytes = set.Encode();

        Assert.Equal((ulong)long.MaxValue, BitConverter.ToUInt64(bytes, 8 + 16 + 8 + 8));
        var reader = new ByteReader(bytes);
        Assert.Equal(set, GtidSet.Decode(ref reader));
    }
}
