using System.Text.RegularExpressions;

namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// One side of a table-filter rule (the schema or the table pattern, or a column pattern): a plain or quoted name,
/// a wildcard, or a <c>/regular expression/</c>. Immutable and safe to share between threads.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/table-filter#syntax</remarks>
internal abstract class NameMatcher
{
    public abstract bool Matches(string name);

    /// <summary>True for the lone <c>*</c>, which TiDB treats specially when deciding a schema on its own.</summary>
    public virtual bool MatchesEverything => false;
}

/// <summary>A plain or quoted name: equal (without case when the filter ignores case).</summary>
internal sealed class LiteralNameMatcher : NameMatcher
{
    private readonly string _name;
    private readonly StringComparison _comparison;

    public LiteralNameMatcher(string name, bool caseSensitive)
    {
        _name = name;
        _comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
    }

    public override bool Matches(string name) => string.Equals(name, _name, _comparison);

    public override string ToString() => _name;
}

/// <summary>The lone <c>*</c>.</summary>
internal sealed class AnyNameMatcher : NameMatcher
{
    public static readonly AnyNameMatcher Instance = new();

    public override bool Matches(string name) => true;

    public override bool MatchesEverything => true;

    public override string ToString() => "*";
}

/// <summary>
/// A <c>/regular expression/</c>: matches when the expression finds a match anywhere in the name, as Go's
/// <c>MatchString</c> does. Compiled without backtracking, which gives the linear-time guarantee of Go's RE2
/// engine and refuses the constructs RE2 refuses too (back-references, look-arounds).
/// </summary>
internal sealed class RegexNameMatcher(Regex regex) : NameMatcher
{
    public override bool Matches(string name) => regex.IsMatch(name);

    public override string ToString() => "/" + regex + "/";

    /// <exception cref="ArgumentException">The expression does not compile.</exception>
    public static RegexNameMatcher Create(string pattern, bool caseSensitive)
    {
        var options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
        if (!caseSensitive)
            options |= RegexOptions.IgnoreCase;
        return new RegexNameMatcher(new Regex(pattern, options));
    }
}
