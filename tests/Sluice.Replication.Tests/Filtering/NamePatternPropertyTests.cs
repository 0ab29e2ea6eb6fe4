using System.Text;
using Sluice.Replication.Filtering;

namespace Sluice.Replication.Tests.Filtering;

/// <summary>Random patterns and names: the compiled matcher and the reference matcher must agree on every pair.</summary>
public sealed class NamePatternPropertyTests
{
    // Few distinct characters, so that random names often do match; letters in both cases, a non-ASCII letter
    // whose upper case differs, a code point outside the BMP, and the characters sets are written with.
    private static readonly string[] PatternPieces =
    [
        "a", "b", "A", "É", "é", "😀", "_", "*", "*", "?", "[ab]", "[!a]", "[a-b]", "[A-B]", "[é😀]", "[a-", "[!", "[", "]", "!", "-",
    ];

    private static readonly string[] NamePieces = ["a", "b", "A", "B", "é", "É", "😀", "_", "!", "-", "[", "]"];

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void The_matcher_agrees_with_the_reference_on_random_names(int seed, bool caseSensitive)
    {
        var random = new Random(seed);
        int matched = 0, unmatched = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var pattern = Build(random, PatternPieces, 1, 6);
            var name = random.Next(3) == 0 ? Instantiate(random, pattern) : Build(random, NamePieces, 0, 7);

            var expected = ReferenceWildcard.IsMatch(pattern, name, caseSensitive);
            var actual = NamePattern.Parse(pattern, caseSensitive).IsMatch(name);

            Assert.True(expected == actual, $"pattern \"{pattern}\" and name \"{name}\" (case-sensitive: {caseSensitive}): expected {expected}, got {actual}");
            if (expected)
            {
                matched++;
            }
            else
            {
                unmatched++;
            }
        }

        // The comparison says little unless both answers came up often.
        Assert.True(matched > 2_000, $"only {matched} matches");
        Assert.True(unmatched > 2_000, $"only {unmatched} mismatches");
    }

    private static string Build(Random random, string[] pieces, int min, int max)
    {
        var builder = new StringBuilder();
        var count = random.Next(min, max + 1);
        for (var i = 0; i < count; i++)
        {
            builder.Append(pieces[random.Next(pieces.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>A name made from the pattern by filling its wildcards at random: often, not always, a match.</summary>
    private static string Instantiate(Random random, string pattern)
    {
        var builder = new StringBuilder();
        foreach (var rune in pattern.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '*':
                    builder.Append(Build(random, NamePieces, 0, 3));
                    break;
                case '?':
                case '[':
                case ']':
                    builder.Append(NamePieces[random.Next(NamePieces.Length)]);
                    break;
                default:
                    builder.Append(rune.ToString());
                    break;
            }
        }

        return builder.ToString();
    }
}
