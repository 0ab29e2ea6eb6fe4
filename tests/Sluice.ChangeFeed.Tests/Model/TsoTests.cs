using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Tests.Model;

public sealed class TsoTests
{
    [Fact]
    public void Physical_time_is_shifted_left_by_18_bits_with_the_logical_counter_below()
    {
        var tso = Tso.FromUnixMilliseconds(1_700_000_000_123, 5);

        Assert.Equal((1_700_000_000_123UL << 18) | 5, tso.Value);
        Assert.Equal(1_700_000_000_123, tso.PhysicalMilliseconds);
        Assert.Equal(5UL, tso.Logical);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), tso.Time);
    }

    [Fact]
    public void A_known_TiCDC_checkpoint_reads_as_its_documented_time()
    {
        // TiCDC's documentation lists checkpoint_tso 439749918821711874 with checkpoint_time 2023-02-27 23:46:52.888 (UTC+8 there).
        var tso = new Tso(439749918821711874);

        Assert.Equal("2023-02-27 15:46:52.888", tso.ToTimeText());
        Assert.Equal(2UL, tso.Logical);
    }

    [Fact]
    public void Text_round_trips_and_rejects_what_is_not_a_number()
    {
        var tso = new Tso(434218833193107457);

        Assert.Equal(tso, Tso.Parse(tso.ToString()));
        Assert.False(Tso.TryParse("-1", out _));
        Assert.False(Tso.TryParse("12a", out _));
        Assert.False(Tso.TryParse(null, out _));
    }

    [Fact]
    public void Order_follows_the_value()
    {
        Assert.True(Tso.FromUnixMilliseconds(1000, 1) > Tso.FromUnixMilliseconds(1000, 0));
        Assert.True(Tso.FromUnixMilliseconds(1001, 0) > Tso.FromUnixMilliseconds(1000, Tso.MaxLogical));
    }
}
