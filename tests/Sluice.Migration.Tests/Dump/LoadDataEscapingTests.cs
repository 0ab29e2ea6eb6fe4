using Sluice.Migration.Dump;

namespace Sluice.Migration.Tests.Dump;

public sealed class LoadDataEscapingTests
{
    [Fact]
    public void Special_bytes_become_backslash_pairs_and_others_pass_through()
    {
        byte[] value = [(byte)'a', 0x00, 0x09, 0x0A, 0x0D, 0x1A, 0x5C, 0x08, 0xFF, (byte)'N'];
        var output = new byte[LoadDataEscaping.MaxEscapedLength(value.Length)];

        LoadDataEscaping.Escape(value, output, out var consumed, out var written);

        Assert.Equal(value.Length, consumed);
        Assert.Equal([(byte)'a', 0x5C, (byte)'0', 0x5C, (byte)'t', 0x5C, (byte)'n', 0x5C, (byte)'r', 0x5C, (byte)'Z', 0x5C, 0x5C, 0x08, 0xFF, (byte)'N'], output[..written]);
    }

    [Fact]
    public void A_short_destination_never_splits_an_escape_pair()
    {
        byte[] value = [(byte)'a', (byte)'b', 0x09, (byte)'c'];
        var output = new byte[3];

        LoadDataEscaping.Escape(value, output, out var consumed, out var written);

        Assert.Equal(2, consumed);
        Assert.Equal(2, written);
    }

    [Fact]
    public void Every_byte_value_in_pieces_reads_back_whole()
    {
        var value = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray();
        var file = new List<byte>();
        var piece = new byte[5];
        var offset = 0;
        while (offset < value.Length)
        {
            LoadDataEscaping.Escape(value.AsSpan(offset), piece, out var consumed, out var written);
            Assert.True(consumed > 0);
            offset += consumed;
            file.AddRange(piece[..written]);
        }

        file.Add((byte)'\n');
        var row = Assert.Single(DataFileParser.Parse([.. file]));
        Assert.Equal(value, row[0]);
    }
}
