using Sluice.MySql.Positions;
using Xunit;

namespace Sluice.MySql.Tests.Positions;

public sealed class MariaDbGtidListTests
{
    [Fact]
    public void Parse_reads_one_gtid_per_domain_as_gtid_slave_pos_prints_it()
    {
        var list = MariaDbGtidList.Parse("0-1-100,1-2-5");

        Assert.Equal([new MariaDbGtid(0, 1, 100), new MariaDbGtid(1, 2, 5)], list.Gtids);
        Assert.Equal("0-1-100,1-2-5", list.ToString());
        Assert.False(list.IsEmpty);
    }

    [Fact]
    public void Entries_print_in_domain_order()
    {
        var list = MariaDbGtidList.Parse("2-1-7,0-1-100,1-2-5");

        Assert.Equal("0-1-100,1-2-5,2-1-7", list.ToString());
        Assert.Equal(list, MariaDbGtidList.Parse(list.ToString()));
    }

    [Fact]
    public void Blanks_around_entries_are_ignored()
    {
        Assert.Equal(MariaDbGtidList.Parse("0-1-100,1-2-5"), MariaDbGtidList.Parse(" 0-1-100 ,\n1-2-5\t"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void The_empty_string_is_the_empty_list(string text)
    {
        var list = MariaDbGtidList.Parse(text);

        Assert.True(list.IsEmpty);
        Assert.Empty(list.Gtids);
        Assert.Equal(MariaDbGtidList.Empty, list);
        Assert.Equal(string.Empty, list.ToString());
    }

    [Theory]
    [InlineData("0-1-100,")]
    [InlineData(",0-1-100")]
    [InlineData("0-1-100,,1-2-5")]
    [InlineData("0-1-100;1-2-5")]
    [InlineData("0-1")]
    [InlineData("0-1-100,x")]
    // MariaDB refuses a position naming a domain twice (ER_DUPLICATE_GTID_DOMAIN).
    [InlineData("0-1-100,0-2-5")]
    public void Malformed_text_is_rejected(string text)
    {
        Assert.False(MariaDbGtidList.TryParse(text, out var list));
        Assert.Null(list);
        Assert.Throws<FormatException>(() => MariaDbGtidList.Parse(text));
    }

    [Fact]
    public void WithGtid_replaces_the_entry_of_its_domain()
    {
        var before = MariaDbGtidList.Parse("0-1-100,1-2-5");

        var after = before.WithGtid(new MariaDbGtid(0, 3, 101));

        Assert.Equal("0-3-101,1-2-5", after.ToString());
        Assert.Equal("0-1-100,1-2-5", before.ToString());
    }

    [Fact]
    public void WithGtid_adds_a_new_domain_in_order()
    {
        var list = MariaDbGtidList.Parse("0-1-100,5-2-5");

        Assert.Equal("0-1-100,3-9-1,5-2-5", list.WithGtid(new MariaDbGtid(3, 9, 1)).ToString());
        Assert.Equal("0-1-100,5-2-5,9-9-1", list.WithGtid(new MariaDbGtid(9, 9, 1)).ToString());
        Assert.Equal("0-1-1", MariaDbGtidList.Empty.WithGtid(new MariaDbGtid(0, 1, 1)).ToString());
    }

    [Fact]
    public void WithGtid_of_the_current_entry_returns_the_same_list()
    {
        var list = MariaDbGtidList.Parse("0-1-100");

        Assert.Same(list, list.WithGtid(new MariaDbGtid(0, 1, 100)));
    }

    [Fact]
    public void A_stream_of_commits_moves_each_domain_forward()
    {
        var position = MariaDbGtidList.Empty;
        foreach (var gtid in new[] { "0-1-1", "1-7-1", "0-1-2", "0-2-3", "1-7-2" })
            position = position.WithGtid(MariaDbGtid.Parse(gtid));

        Assert.Equal("0-2-3,1-7-2", position.ToString());
    }

    [Fact]
    public void Contains_compares_sequence_within_the_domain()
    {
        var list = MariaDbGtidList.Parse("0-1-100,1-2-5");

        Assert.True(list.Contains(new MariaDbGtid(0, 1, 100)));
        Assert.True(list.Contains(new MariaDbGtid(0, 1, 1)));
        // The server id does not matter: a domain is ordered by sequence number.
        Assert.True(list.Contains(new MariaDbGtid(0, 9, 99)));
        Assert.False(list.Contains(new MariaDbGtid(0, 1, 101)));
        Assert.False(list.Contains(new MariaDbGtid(1, 2, 6)));
        Assert.False(list.Contains(new MariaDbGtid(2, 1, 1)));
        Assert.False(MariaDbGtidList.Empty.Contains(new MariaDbGtid(0, 1, 1)));
    }

    [Fact]
    public void TryGetGtid_finds_a_domain()
    {
        var list = MariaDbGtidList.Parse("0-1-100,1-2-5");

        Assert.True(list.TryGetGtid(1, out var gtid));
        Assert.Equal(new MariaDbGtid(1, 2, 5), gtid);
        Assert.False(list.TryGetGtid(2, out _));
    }

    [Fact]
    public void The_constructor_keeps_the_last_listed_gtid_of_a_domain()
    {
        // A GTID_LIST event (binlog state) lists every server of a domain, the most recent last.
        var list = new MariaDbGtidList(
        [
            new MariaDbGtid(1, 5, 40),
            new MariaDbGtid(0, 2, 90),
            new MariaDbGtid(0, 1, 100),
        ]);

        Assert.Equal([new MariaDbGtid(0, 1, 100), new MariaDbGtid(1, 5, 40)], list.Gtids);
    }

    [Fact]
    public void Equality_is_by_value()
    {
        var a = MariaDbGtidList.Parse("1-2-5,0-1-100");
        var b = new MariaDbGtidList([new MariaDbGtid(0, 1, 100), new MariaDbGtid(1, 2, 5)]);
        var c = MariaDbGtidList.Parse("0-1-100,1-2-6");

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.True(a != c);
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void Gtids_cannot_be_changed_through_the_list()
    {
        var list = MariaDbGtidList.Parse("0-1-100");

        Assert.False(list.Gtids is MariaDbGtid[]);
    }
}
