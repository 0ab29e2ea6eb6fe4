using Sluice.MySql.Positions;
using Xunit;

namespace Sluice.MySql.Tests.Positions;

public sealed class GtidSetTests
{
    private const string A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private const string B = "8a94f357-aab4-11df-86ab-c80aa9429562";
    private static readonly Guid s_a = Guid.Parse(A);
    private static readonly Guid s_b = Guid.Parse(B);

    [Fact]
    public void Parse_reads_the_text_mysql_prints()
    {
        var set = GtidSet.Parse($"{A}:1-5:11-18,{B}:1-27");

        Assert.Equal([s_a, s_b], set.SourceIds);
        Assert.Equal([new GtidInterval(1, 5), new GtidInterval(11, 18)], set.Intervals[s_a]);
        Assert.Equal([new GtidInterval(1, 27)], set.Intervals[s_b]);
        Assert.Equal($"{A}:1-5:11-18,{B}:1-27", set.ToString());
    }

    [Fact]
    public void Parse_accepts_the_newlines_of_gtid_executed_and_uppercase_uuids()
    {
        // SELECT @@gtid_executed on a server that replicated from two sources prints ",\n" between them.
        var text = $"{A.ToUpperInvariant()}:1-5:11-18,\n{B}:1-27\n";

        Assert.Equal(GtidSet.Parse($"{A}:1-5:11-18,{B}:1-27"), GtidSet.Parse(text));
    }

    [Fact]
    public void Parse_accepts_blanks_around_every_separator()
    {
        var set = GtidSet.Parse($"  {A} : 1 - 5 : 11-18 ,  {B}:7\t");

        Assert.Equal($"{A}:1-5:11-18,{B}:7", set.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData(",")]
    [InlineData(" , ,")]
    [InlineData(A)]
    public void Text_without_transactions_is_the_empty_set(string text)
    {
        var set = GtidSet.Parse(text);

        Assert.True(set.IsEmpty);
        Assert.Equal(GtidSet.Empty, set);
        Assert.Equal(string.Empty, set.ToString());
    }

    [Fact]
    public void ToString_sorts_sources_and_merges_intervals()
    {
        var set = GtidSet.Parse($"{B}:1-3,{A}:5,{A}:1-4,{A}:20-30:25-40:6-9");

        Assert.Equal($"{A}:1-9:20-40,{B}:1-3", set.ToString());
    }

    [Fact]
    public void Sources_sort_in_printed_order_even_when_the_first_byte_has_the_top_bit()
    {
        var high = "f0000000-0000-0000-0000-000000000001";
        var low = "10000000-0000-0000-0000-000000000001";

        Assert.Equal($"{low}:1,{high}:1", GtidSet.Parse($"{high}:1,{low}:1").ToString());
    }

    [Theory]
    [InlineData("3e11fa47-71ca-11e1-9e33-c80aa942956:1")]
    [InlineData("3e11fa47-71ca-11e1-9e33-c80aa942956g:1")]
    [InlineData("3e11fa4771ca11e19e33c80aa9429562:1")]
    [InlineData(A + ":0")]
    [InlineData(A + ":-1")]
    [InlineData(A + ":5-3")]
    [InlineData(A + ":1-")]
    [InlineData(A + ":")]
    [InlineData(A + ":a")]
    [InlineData(A + ";1")]
    [InlineData(A + ":1 2")]
    [InlineData(A + ":9223372036854775807")]
    [InlineData(A + ":1-99999999999999999999")]
    [InlineData(A + ":1," + B + "x")]
    [InlineData(A + ":tag:1")]
    public void Malformed_text_is_rejected(string text)
    {
        Assert.False(GtidSet.TryParse(text, out var set));
        Assert.Null(set);
        var error = Assert.Throws<FormatException>(() => GtidSet.Parse(text));
        Assert.Contains("offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_consecutive_transactions_extends_one_interval()
    {
        var set = GtidSet.Empty;
        for (var gno = 1; gno <= 3; gno++)
            set = set.Add(s_a, gno);
        Assert.Equal($"{A}:1-3", set.ToString());

        set = set.Add(s_a, 5);
        Assert.Equal($"{A}:1-3:5", set.ToString());

        set = set.Add(s_a, 4);
        Assert.Equal($"{A}:1-5", set.ToString());
    }

    [Fact]
    public void Adding_a_transaction_already_in_the_set_returns_the_same_set()
    {
        var set = GtidSet.Parse($"{A}:1-5");

        Assert.Same(set, set.Add(s_a, 3));
        Assert.Same(set, set.Add(s_a, new GtidInterval(2, 5)));
    }

    [Fact]
    public void Add_interval_merges_overlapping_and_adjacent_intervals()
    {
        var set = GtidSet.Parse($"{A}:1-5:10-15:20-25");

        Assert.Equal($"{A}:1-25", set.Add(s_a, new GtidInterval(6, 19)).ToString());
        Assert.Equal($"{A}:1-5:9-16:20-25", set.Add(s_a, new GtidInterval(9, 16)).ToString());
        Assert.Equal($"{A}:1-5:10-30", set.Add(s_a, new GtidInterval(12, 30)).ToString());
        Assert.Equal($"{A}:1-5:10-15:20-26", set.Add(s_a, new GtidInterval(26, 26)).ToString());
        Assert.Equal($"{A}:1-5:10-15:20-25,{B}:3-4", set.Add(s_b, new GtidInterval(3, 4)).ToString());
    }

    [Fact]
    public void Add_leaves_the_original_set_unchanged()
    {
        var set = GtidSet.Parse($"{A}:1-5");

        _ = set.Add(s_a, 6);
        _ = set.Add(s_b, 1);

        Assert.Equal($"{A}:1-5", set.ToString());
    }

    [Fact]
    public void Add_rejects_an_unset_interval()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GtidSet.Empty.Add(s_a, default(GtidInterval)));
        Assert.Throws<ArgumentOutOfRangeException>(() => GtidSet.Empty.Add(s_a, 0));
    }

    [Fact]
    public void Union_merges_per_source()
    {
        var left = GtidSet.Parse($"{A}:1-5:20-30");
        var right = GtidSet.Parse($"{A}:6-10:25-40,{B}:1-3");

        Assert.Equal($"{A}:1-10:20-40,{B}:1-3", left.Union(right).ToString());
        Assert.Equal(left.Union(right), right.Union(left));
    }

    [Fact]
    public void Union_with_the_empty_set_is_the_set_itself()
    {
        var set = GtidSet.Parse($"{A}:1-5");

        Assert.Same(set, set.Union(GtidSet.Empty));
        Assert.Same(set, GtidSet.Empty.Union(set));
    }

    [Fact]
    public void Union_of_disjoint_sources_keeps_both()
    {
        var union = GtidSet.Parse($"{B}:1").Union(GtidSet.Parse($"{A}:2"));

        Assert.Equal($"{A}:2,{B}:1", union.ToString());
    }

    [Theory]
    [InlineData(A + ":1-10," + B + ":1-5", A + ":1-10," + B + ":1-5", true)]
    [InlineData(A + ":1-10," + B + ":1-5", A + ":2-9", true)]
    [InlineData(A + ":1-10," + B + ":1-5", "", true)]
    [InlineData("", "", true)]
    [InlineData("", A + ":1", false)]
    [InlineData(A + ":1-10", B + ":1", false)]
    [InlineData(A + ":1-10", A + ":5-11", false)]
    // The gap at 6 means 5-7 is not contained, though both ends are.
    [InlineData(A + ":1-5:7-10", A + ":5-7", false)]
    [InlineData(A + ":1-5:7-10", A + ":1-2:8-10", true)]
    public void Contains_is_a_superset_test(string superset, string subset, bool expected)
    {
        Assert.Equal(expected, GtidSet.Parse(superset).Contains(GtidSet.Parse(subset)));
    }

    [Fact]
    public void Contains_a_single_transaction()
    {
        var set = GtidSet.Parse($"{A}:1-5:11-18");

        Assert.True(set.Contains(s_a, 1));
        Assert.True(set.Contains(s_a, 5));
        Assert.True(set.Contains(s_a, 11));
        Assert.False(set.Contains(s_a, 6));
        Assert.False(set.Contains(s_a, 19));
        Assert.False(set.Contains(s_b, 1));
    }

    [Theory]
    [InlineData(A + ":1-10", A + ":4-6", A + ":1-3:7-10")]
    [InlineData(A + ":1-10", A + ":1-10", "")]
    [InlineData(A + ":1-10", A + ":1-20", "")]
    [InlineData(A + ":1-10", A + ":1", A + ":2-10")]
    [InlineData(A + ":1-10", A + ":10", A + ":1-9")]
    [InlineData(A + ":1-10:20-30:40-50", A + ":5-45", A + ":1-4:46-50")]
    [InlineData(A + ":1-10:20-30", A + ":2:4:6:25", A + ":1:3:5:7-10:20-24:26-30")]
    [InlineData(A + ":1-10," + B + ":1-5", A + ":1-10", B + ":1-5")]
    [InlineData(A + ":1-10", B + ":1-10", A + ":1-10")]
    [InlineData("", A + ":1-10", "")]
    public void Subtract_removes_the_other_sets_transactions(string left, string right, string expected)
    {
        Assert.Equal(expected, GtidSet.Parse(left).Subtract(GtidSet.Parse(right)).ToString());
    }

    [Fact]
    public void Subtracting_nothing_in_common_returns_the_same_set()
    {
        var set = GtidSet.Parse($"{A}:1-10");

        Assert.Same(set, set.Subtract(GtidSet.Parse($"{B}:1-10")));
        Assert.Same(set, set.Subtract(GtidSet.Parse($"{A}:11-20")));
        Assert.Same(set, set.Subtract(GtidSet.Empty));
    }

    [Fact]
    public void Subtracting_a_whole_source_drops_it()
    {
        var rest = GtidSet.Parse($"{A}:1-10,{B}:1-5").Subtract(GtidSet.Parse($"{B}:1-5"));

        Assert.Equal([s_a], rest.SourceIds);
        Assert.False(rest.Intervals.ContainsKey(s_b));
    }

    [Fact]
    public void Equality_is_by_value()
    {
        var a = GtidSet.Parse($"{B}:1-3,{A}:1-5:6-9");
        var b = GtidSet.Parse($"{A}:1-9,{B}:1:2:3");
        var c = GtidSet.Parse($"{A}:1-9,{B}:1-4");

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.True(a != c);
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void Intervals_enumerates_sources_in_printed_order()
    {
        var set = GtidSet.Parse($"{B}:1-3,{A}:1-5");

        Assert.Equal(2, set.Intervals.Count);
        Assert.Equal([s_a, s_b], set.Intervals.Keys);
        Assert.Equal([s_a, s_b], set.Intervals.Select(pair => pair.Key));
        Assert.True(set.Intervals.TryGetValue(s_b, out var intervals));
        Assert.Equal([new GtidInterval(1, 3)], intervals);
        Assert.Throws<KeyNotFoundException>(() => set.Intervals[Guid.Empty]);
        Assert.False(set.Intervals[s_a] is GtidInterval[]);
    }

    [Fact]
    public void Operations_agree_with_a_plain_set_of_transactions()
    {
        // Model check: random small sets over two sources compared against HashSet<(Guid, long)>.
        var random = new Random(20240611);
        for (var round = 0; round < 500; round++)
        {
            var (left, leftModel) = RandomSet(random);
            var (right, rightModel) = RandomSet(random);

            Assert.Equal(left, GtidSet.Parse(left.ToString()));
            Assert.Equal(Text(leftModel.Union(rightModel)), left.Union(right).ToString());
            Assert.Equal(Text(leftModel.Except(rightModel)), left.Subtract(right).ToString());
            Assert.Equal(leftModel.IsSupersetOf(rightModel), left.Contains(right));
            foreach (var (source, gno) in rightModel)
                Assert.Equal(leftModel.Contains((source, gno)), left.Contains(source, gno));

            var reader = new Sluice.MySql.Protocol.ByteReader(left.Encode());
            Assert.Equal(left, GtidSet.Decode(ref reader));
        }
    }

    private static (GtidSet Set, HashSet<(Guid, long)> Model) RandomSet(Random random)
    {
        var set = GtidSet.Empty;
        var model = new HashSet<(Guid, long)>();
        var count = random.Next(0, 12);
        for (var i = 0; i < count; i++)
        {
            var source = random.Next(2) == 0 ? s_a : s_b;
            var start = random.Next(1, 40);
            var end = start + random.Next(0, 6);
            set = set.Add(source, new GtidInterval(start, end));
            for (long gno = start; gno <= end; gno++)
                model.Add((source, gno));
        }

        return (set, model);
    }

    /// <summary>Prints a plain set of transactions the way MySQL would, to compare with ToString.</summary>
    private static string Text(IEnumerable<(Guid Source, long Gno)> transactions)
    {
        var parts = new List<string>();
        foreach (var group in transactions.GroupBy(t => t.Source).OrderBy(g => g.Key.ToString()))
        {
            var gnos = group.Select(t => t.Gno).Order().ToList();
            var text = group.Key.ToString();
            for (var i = 0; i < gnos.Count;)
            {
                var j = i;
                while (j + 1 < gnos.Count && gnos[j + 1] == gnos[j] + 1)
                    j++;
                text += gnos[i] == gnos[j] ? $":{gnos[i]}" : $":{gnos[i]}-{gnos[j]}";
                i = j + 1;
            }

            parts.Add(text);
        }

        return string.Join(',', parts);
    }
}
