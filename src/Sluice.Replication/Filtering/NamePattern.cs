using System.Text.RegularExpressions;

namespace Sluice.Replication.Filtering;

/// <summary>
/// One schema or table name pattern as DM's block-allow list and routing rules write it: a wildcard
/// (<c>*</c> any run, <c>?</c> one character, <c>[a-z]</c> / <c>[!a-z]</c> one character in or out of a set),
/// or, when it starts with <c>~</c>, a regular expression over the rest.
/// </summary>
/// <remarks>
/// <para>
/// https://docs.pingcap.com/tidb/stable/dm-block-allow-table-lists and
/// https://docs.pingcap.com/tidb/stable/dm-table-routing: DM hands the text after <c>~</c> to Go's
/// <c>regexp.MatchString</c>, which is not anchored, so <c>~abc</c> matches <c>xabcx</c>; users anchor with
/// <c>^</c> and <c>$</c> themselves (as DM's own examples do). The expression runs on .NET's non-backtracking
/// engine, which like Go's RE2 matches in linear time and rejects backreferences and lookaround; a match
/// timeout is set as well.
/// </para>
/// <para>
/// Case-insensitive patterns compare lower-cased names with lower-cased patterns, as DM does with
/// <c>case-sensitive: false</c> (its default). DM accepts <c>*</c> only as the last character; here it may
/// appear anywhere, which matches the same names for every pattern DM accepts.
/// </para>
/// </remarks>
public sealed class NamePattern
{
    /// <summary>How long one regular-expression match may run before it fails.</summary>
    public static readonly TimeSpan RegexMatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex? _regex;
    private readonly Wildcard? _wildcard;

    private NamePattern(string text, bool caseSensitive, Regex? regex, Wildcard? wildcard)
    {
        Text = text;
        CaseSensitive = caseSensitive;
        _regex = regex;
        _wildcard = wildcard;
    }

    /// <summary>The pattern as written, <c>~</c> included.</summary>
    public string Text { get; }

    public bool CaseSensitive { get; }

    /// <summary>True when the pattern is a <c>~</c> regular expression.</summary>
    public bool IsRegex => _regex is not null;

    /// <summary>Compiles a pattern.</summary>
    /// <exception cref="ArgumentException">The pattern is empty, or its regular expression does not parse or
    /// uses a construct the non-backtracking engine refuses.</exception>
    public static NamePattern Parse(string pattern, bool caseSensitive)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length == 0)
        {
            throw new ArgumentException("A name pattern must not be empty.", nameof(pattern));
        }

        if (pattern[0] != '~')
        {
            return new NamePattern(pattern, caseSensitive, null, Wildcard.Compile(pattern, ignoreCase: !caseSensitive));
        }

        var options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
        if (!caseSensitive)
        {
            options |= RegexOptions.IgnoreCase;
        }

        try
        {
            var regex = new Regex(pattern[1..], options, RegexMatchTimeout);
            return new NamePattern(pattern, caseSensitive, regex, null);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Invalid regular expression in name pattern \"{pattern}\": {e.Message}", nameof(pattern), e);
        }
        catch (NotSupportedException e)
        {
            throw new ArgumentException(
                $"Unsupported regular expression in name pattern \"{pattern}\" (backreferences, lookaround and " +
                $"atomic groups are not available, as in DM's RE2 expressions): {e.Message}",
                nameof(pattern),
                e);
        }
    }

    /// <summary>Whether <paramref name="name"/> matches. Allocates nothing.</summary>
    /// <exception cref="RegexMatchTimeoutException">A regular expression ran past <see cref="RegexMatchTimeout"/>.</exception>
    public bool IsMatch(ReadOnlySpan<char> name) => _regex is not null ? _regex.IsMatch(name) : _wildcard!.IsMatch(name);

    public override string ToString() => Text;
}
