using Sluice.MySql.Protocol;

namespace Sluice.MySql.Tests.Protocol;

public sealed class Crc32FoldingTests
{
    [Fact]
    public void Folding_agrees_with_the_tables_for_every_length_and_state()
    {
        Assert.SkipUnless(Crc32Folding.IsSupported, "this processor has no carry-less multiply");
        var random = new Random(20261125);
        var data = new byte[4096 + 64];
        random.NextBytes(data);
        for (var length = Crc32Folding.MinimumLength; length <= data.Length; length += 16)
        {
            var state = length % 3 == 0 ? Crc32.Start : (uint)random.Next();
            Assert.Equal(Crc32.AppendTable(state, data.AsSpan(0, length)), Crc32Folding.Append(state, data.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Compute_gives_the_standard_check_value_on_long_inputs()
    {
        // CRC-32 of "123456789" is 0xCBF43926; of 1 MiB of 0xA5 compared with the table path.
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        var block = Enumerable.Repeat((byte)0xA5, 1 << 20).ToArray();
        Assert.Equal(Crc32.Finish(Crc32.AppendTable(Crc32.Start, block)), Crc32.Compute(block));
        var odd = block.AsSpan(0, 1000 + 7);
        Assert.Equal(Crc32.Finish(Crc32.AppendTable(Crc32.Start, odd)), Crc32.Compute(odd));
    }
}
