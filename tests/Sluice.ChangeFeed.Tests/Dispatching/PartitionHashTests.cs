using Sluice.ChangeFeed.Dispatching;

namespace Sluice.ChangeFeed.Tests.Dispatching;

public sealed class PartitionHashTests
{
    [Fact]
    public void It_is_the_IEEE_CRC32_with_its_standard_check_value()
    {
        // CRC-32/ISO-HDLC: check("123456789") = 0xCBF43926 (the catalogue of parametrised CRC algorithms).
        Assert.Equal(0xCBF43926u, PartitionHash.Of("123456789"u8));
        Assert.Equal(0u, PartitionHash.Of([]));
    }

    [Fact]
    public void Parts_are_utf8_with_a_zero_byte_after_each_and_null_is_0xFF()
    {
        var hash = new PartitionHash();
        hash.Append("test3");
        hash.AppendValue(null);
        hash.AppendValue(42L);
        hash.AppendValue(new byte[] { 0xFF, 0x00 });

        // zlib.crc32(b"test3\0\xff42\0\xff\0\0")
        Assert.Equal(0x22B2760Fu, hash.Value);
    }
}
