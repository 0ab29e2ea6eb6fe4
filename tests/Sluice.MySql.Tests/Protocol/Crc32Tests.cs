using System.Text;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Tests.Protocol;

public sealed class Crc32Tests
{
    [Theory]
    // The CRC-32/ISO-HDLC check value (the catalogue's "123456789" test), the empty input, and zlib's crc32 of a pangram.
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("", 0x00000000u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Computes_the_IEEE_reflected_crc(string text, uint expected)
    {
        Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Running_state_over_pieces_equals_the_whole()
    {
        var data = new byte[1000];
        new Random(5).NextBytes(data);
        var state = Crc32.Start;
        state = Crc32.Append(state, data.AsSpan(0, 3));
        state = Crc32.Append(state, data[3]);
        state = Crc32.Append(state, data.AsSpan(4, 501));
        state = Crc32.Append(state, data.AsSpan(505));
        Assert.Equal(Crc32.Compute(data), Crc32.Finish(state));
    }

    [Fact]
    public void Matches_a_bitwise_reference_for_every_length_up_to_40()
    {
        var data = new byte[40];
        new Random(11).NextBytes(data);
        for (var length = 0; length <= data.Length; length++)
            Assert.Equal(Bitwise(data.AsSpan(0, length)), Crc32.Compute(data.AsSpan(0, length)));
    }

    [Fact]
    public void Matches_the_checksum_mariadb_wrote_on_a_real_event()
    {
        // The XID event at offset 1030 of mariadb-basic.binlog (ending at 1061 = 0x425); mariadb-binlog prints "CRC32 0xa9c1a459" for it.
        var xid = Sluice.MySql.Tests.Binlog.Fixtures.Events("mariadb-basic.binlog").Single(e => e[4] == 16 && e[13] == 0x25 && e[14] == 0x04);
        Assert.Equal(0xA9C1A459u, Crc32.Compute(xid.AsSpan(0, xid.Length - 4)));
    }

    private static uint Bitwise(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }

        return ~crc;
    }
}
