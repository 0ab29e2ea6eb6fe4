using Sluice.ChangeFeed.Codecs;

namespace Sluice.ChangeFeed.Tests.Codecs;

public sealed class TiCdcColumnValueTests
{
    private static readonly Sluice.ChangeFeed.Model.ChangeColumn Enum = SampleEvents.AllTypes.Columns[SampleEvents.AllTypes.IndexOf("c_enum")];
    private static readonly Sluice.ChangeFeed.Model.ChangeColumn Set = SampleEvents.AllTypes.Columns[SampleEvents.AllTypes.IndexOf("c_set")];

    [Fact]
    public void ENUM_and_SET_numbers_come_from_names_or_from_the_numbers_the_decoder_falls_back_to()
    {
        Assert.Equal(3UL, TiCdcColumnValue.MemberNumber(Enum, "C"));
        Assert.Equal(2UL, TiCdcColumnValue.MemberNumber(Enum, 2));
        Assert.Equal(6UL, TiCdcColumnValue.MemberNumber(Set, "y,z"));
        Assert.Equal(6UL, TiCdcColumnValue.MemberNumber(Set, 6UL));
    }

    [Fact]
    public void ENUM_and_SET_names_come_back_from_numbers()
    {
        Assert.Equal("b", TiCdcColumnValue.MemberNames(Enum, 2));
        Assert.Equal("x,z", TiCdcColumnValue.MemberNames(Set, 5UL));
        Assert.Equal(string.Empty, TiCdcColumnValue.MemberNames(Set, 0UL));
    }

    [Fact]
    public void BIT_values_are_numbers_also_when_given_as_big_endian_bytes()
    {
        Assert.Equal(65UL, TiCdcColumnValue.Bits(65UL));
        Assert.Equal(0x0102UL, TiCdcColumnValue.Bits(new byte[] { 0x01, 0x02 }));
    }
}
