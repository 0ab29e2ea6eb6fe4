using Sluice.Replication.Filtering;

namespace Sluice.Replication.Tests.Filtering;

public sealed class NamePatternTests
{
    [Theory]
    // Plain names match themselves only.
    [InlineData("orders", "orders", true)]
    [InlineData("orders", "order", false)]
    [InlineData("orders", "orders2", false)]
    [InlineData("orders", "", false)]
    // * is any run, the empty one included, anywhere in the pattern.
    [InlineData("t*", "t", true)]
    [InlineData("t*", "tab", true)]
    [InlineData("t*", "xt", false)]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("*_2023", "sales_2023", true)]
    [InlineData("*_2023", "sales_2023_old", false)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "abcabc", true)]
    [InlineData("a*b*c", "aXbYcZ", false)]
    [InlineData("a**b", "ab", true)]
    [InlineData("*a*a", "baa", true)]
    [InlineData("*ab", "aab", true)]
    [InlineData("*ab", "aba", false)]
    // ? is exactly one character.
    [InlineData("t_?", "t_1", true)]
    [InlineData("t_?", "t_", false)]
    [InlineData("t_?", "t_12", false)]
    [InlineData("?*", "", false)]
    [InlineData("?*", "x", true)]
    // Sets as in DM's examples.
    [InlineData("shop[123]", "shop2", true)]
    [InlineData("shop[123]", "shop4", false)]
    [InlineData("p[1-5]", "p5", true)]
    [InlineData("p[1-5]", "p6", false)]
    [InlineData("p[!1-5]", "p6", true)]
    [InlineData("p[!1-5]", "p3", false)]
    [InlineData("p[!1-5]", "p", false)]
    [InlineData("p[0-9][0-9]", "p42", true)]
    [InlineData("p[0-9a-f]", "pe", true)]
    [InlineData("p[0-9a-f]", "pg", false)]
    [InlineData("p[a-]", "p-", true)]
    [InlineData("p[-a]", "p-", true)]
    [InlineData("p[-a]", "pb", false)]
    [InlineData("[z-a]", "m", false)]
    // DM's reading of odd sets: the first ] closes, [] matches nothing, [!] is a literal !, an unclosed [ is literal.
    [InlineData("p[]", "p", false)]
    [InlineData("p[]", "p]", false)]
    [InlineData("p[]]", "p]", false)]
    [InlineData("p[!]", "p!", true)]
    [InlineData("p[!]", "px", false)]
    [InlineData("p[", "p[", true)]
    [InlineData("p[1", "p[1", true)]
    [InlineData("p]", "p]", true)]
    // No escape character, and regular-expression metacharacters are literal in wildcards.
    [InlineData(@"a\*", @"a\bc", true)]
    [InlineData(@"a\*", "a*", false)]
    [InlineData("a.b", "axb", false)]
    [InlineData("a.b", "a.b", true)]
    [InlineData("a+", "aa", false)]
    [InlineData("(x)|y", "(x)|y", true)]
    [InlineData("a~b", "a~b", true)]
    [InlineData("$^", "$^", true)]
    // Characters are code points: one ? for an é or an emoji.
    [InlineData("caf?", "café", true)]
    [InlineData("?", "😀", true)]
    [InlineData("??", "😀", false)]
    [InlineData("[😀-😂]", "😁", true)]
    [InlineData("[!😀]", "😁", true)]
    [InlineData("*😀", "x😀", true)]
    public void Wildcards_match_as_DM_reads_them(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, NamePattern.Parse(pattern, caseSensitive: true).IsMatch(name));
    }

    [Theory]
    [InlineData("Orders", "orders")]
    [InlineData("orders", "ORDERS")]
    [InlineData("T[A-C]", "tb")]
    [InlineData("t[a-c]", "TB")]
    [InlineData("CAFÉ*", "café_2024")]
    [InlineData("~^Shard_\\d+$", "SHARD_7")]
    public void Without_case_sensitivity_case_does_not_matter(string pattern, string name)
    {
        Assert.True(NamePattern.Parse(pattern, caseSensitive: false).IsMatch(name));
        Assert.False(NamePattern.Parse(pattern, caseSensitive: true).IsMatch(name));
    }

    [Theory]
    [InlineData("~^shard_[0-9]+$", "shard_12", true)]
    [InlineData("~^shard_[0-9]+$", "shard_12x", false)]
    [InlineData("~^shard_[0-9]+$", "old_shard_12", false)]
    // Not anchored, as Go's regexp.MatchString: DM's users write ^ and $ themselves.
    [InlineData("~messages", "old_messages_2020", true)]
    [InlineData("~_2018$", "messages_2018", true)]
    [InlineData("~_2018$", "messages_2018_bak", false)]
    [InlineData("~a|b", "xbx", true)]
    [InlineData("~", "anything", true)]
    [InlineData("~~x", "a~x", true)]
    [InlineData("~~x", "ax", false)]
    // Wildcard characters mean what they mean in a regular expression.
    [InlineData("~^t*$", "", true)]
    [InlineData("~^t*$", "ttt", true)]
    [InlineData("~^t*$", "tab", false)]
    public void A_tilde_starts_a_regular_expression(string pattern, string name, bool expected)
    {
        var compiled = NamePattern.Parse(pattern, caseSensitive: true);
        Assert.True(compiled.IsRegex);
        Assert.Equal(expected, compiled.IsMatch(name));
    }

    [Fact]
    public void The_pattern_keeps_its_text()
    {
        var wildcard = NamePattern.Parse("Shop_*", caseSensitive: false);
        var regex = NamePattern.Parse("~^Shop", caseSensitive: true);

        Assert.Equal("Shop_*", wildcard.Text);
        Assert.Equal("Shop_*", wildcard.ToString());
        Assert.False(wildcard.IsRegex);
        Assert.False(wildcard.CaseSensitive);
        Assert.Equal("~^Shop", regex.Text);
        Assert.True(regex.CaseSensitive);
    }

    [Fact]
    public void An_empty_pattern_is_refused()
    {
        Assert.Throws<ArgumentException>(() => NamePattern.Parse("", caseSensitive: false));
        Assert.Throws<ArgumentNullException>(() => NamePattern.Parse(null!, caseSensitive: false));
    }

    [Theory]
    [InlineData("~(unclosed")]
    [InlineData("~[a-")]
    [InlineData("~*a")]
    public void A_regular_expression_that_does_not_parse_is_refused_with_the_pattern_named(string pattern)
    {
        var e = Assert.Throws<ArgumentException>(() => NamePattern.Parse(pattern, caseSensitive: false));
        Assert.Contains(pattern, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"~(a)\1")]
    [InlineData("~^(?=a)")]
    [InlineData("~(?<!a)b")]
    [InlineData("~(?>a+)b")]
    public void Constructs_outside_RE2_are_refused(string pattern)
    {
        var e = Assert.Throws<ArgumentException>(() => NamePattern.Parse(pattern, caseSensitive: false));
        Assert.Contains(pattern, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_that_backtracks_exponentially_elsewhere_runs_linearly()
    {
        var pattern = NamePattern.Parse("~^(a+)+$", caseSensitive: false);
        var name = new string('a', 10_000) + "!";

        Assert.False(pattern.IsMatch(name));
        Assert.True(pattern.IsMatch(name.AsSpan()[..^1]));
        Assert.True(NamePattern.RegexMatchTimeout > TimeSpan.Zero);
    }

    [Fact]
    public void A_wildcard_with_many_stars_fails_without_exploring_every_split()
    {
        var pattern = NamePattern.Parse("*a*a*a*a*a*a*a*a*b", caseSensitive: true);

        Assert.False(pattern.IsMatch(new string('a', 5_000)));
        Assert.True(pattern.IsMatch(new string('a', 5_000) + "b"));
    }

    [Theory]
    [InlineData("shard_*_t[0-9]?", "SHARD_01_T1X", false)]
    [InlineData("shard_*_t[0-9]?", "SHARD_01_T1X", true)]
    [InlineData("~^shard_[0-9]+$", "SHARD_12", false)]
    [InlineData("~^shard_[0-9]+$", "SHARD_12", true)]
    public void Matching_allocates_nothing(string text, string name, bool caseSensitive)
    {
        var pattern = NamePattern.Parse(text, caseSensitive);
        var matched = false;

        var bytes = Allocations.Measure(() => matched = pattern.IsMatch(name));

        Assert.Equal(0, bytes);
        Assert.Equal(!caseSensitive, matched);
    }
}
