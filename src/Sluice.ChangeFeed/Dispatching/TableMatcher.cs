using Sluice.Replication.Filtering;

namespace Sluice.ChangeFeed.Dispatching;

/// <summary>
/// A dispatcher's matcher: patterns in TiDB's table-filter syntax (<c>db.tbl</c>, <c>db*.*</c>, <c>!db.secret</c>),
/// read as TiDB reads them: the last pattern that matches a table decides (a <c>!</c> one excludes it), and a table no
/// pattern matches is not matched. This is the small part of the syntax dispatchers use: wildcards (<c>*</c>,
/// <c>?</c>, <c>[a-z]</c>), exact names, names quoted with backticks or double quotes, and <c>!</c>; <c>/regex/</c>
/// and <c>@file</c> imports are refused with a clear error. The changefeed's full table filter replaces it later.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/table-filter</remarks>
internal sealed class TableMatcher
{
    private readonly (bool Exclude, NamePattern Schema, NamePattern Table)[] _rules;

    private TableMatcher((bool, NamePattern, NamePattern)[] rules) => _rules = rules;

    /// <exception cref="ArgumentException">A pattern is not in the syntax this matcher reads.</exception>
    public static TableMatcher Parse(IReadOnlyList<string> patterns, bool caseSensitive)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var rules = new (bool, NamePattern, NamePattern)[patterns.Count];
        for (var i = 0; i < patterns.Count; i++)
            rules[i] = ParseOne(patterns[i], caseSensitive);
        return new TableMatcher(rules);
    }

    public bool IsMatch(string schema, string table)
    {
        for (var i = _rules.Length - 1; i >= 0; i--)
        {
            var (exclude, schemaPattern, tablePattern) = _rules[i];
            if (schemaPattern.IsMatch(schema) && tablePattern.IsMatch(table))
                return !exclude;
        }

        return false;
    }

    private static (bool, NamePattern, NamePattern) ParseOne(string pattern, bool caseSensitive)
    {
        var text = pattern.Trim();
        var exclude = text.StartsWith('!');
        if (exclude)
            text = text[1..].TrimStart();
        if (text.StartsWith('@') || text.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException($"matcher pattern '{pattern}': /regex/ and @file patterns are not supported here; use wildcards (*, ?, [a-z])");
        var (schema, rest) = ReadPart(text, pattern);
        if (rest.Length == 0 || rest[0] != '.')
            throw new ArgumentException($"matcher pattern '{pattern}' is not schema.table (like db.tbl, db.*, *.*)");
        var (table, tail) = ReadPart(rest[1..], pattern);
        if (tail.Length != 0)
            throw new ArgumentException($"matcher pattern '{pattern}' has text after schema.table");
        return (exclude, Compile(schema, pattern, caseSensitive), Compile(table, pattern, caseSensitive));
    }

    /// <summary>One name: quoted (a doubled quote inside stands for itself) or up to the next dot.</summary>
    private static (string Name, string Remainder) ReadPart(string text, string pattern)
    {
        if (text.Length > 0 && text[0] is '`' or '"')
        {
            var quote = text[0];
            var name = new System.Text.StringBuilder();
            for (var i = 1; i < text.Length; i++)
            {
                if (text[i] != quote)
                {
                    name.Append(text[i]);
                    continue;
                }

                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    name.Append(quote);
                    i++;
                    continue;
                }

                // A quoted name is literal: escape what the wildcard reads as special.
                return (EscapeLiteral(name.ToString()), text[(i + 1)..]);
            }

            throw new ArgumentException($"matcher pattern '{pattern}' has an unclosed quote");
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var part = dot >= 0 ? text[..dot] : text;
        return (part, dot >= 0 ? text[dot..] : string.Empty);
    }

    private static string EscapeLiteral(string name)
    {
        var escaped = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is '*' or '?' or '[')
                escaped.Append('[').Append(c).Append(']');
            else
                escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static NamePattern Compile(string part, string pattern, bool caseSensitive)
    {
        if (part.Length == 0)
            throw new ArgumentException($"matcher pattern '{pattern}' has an empty schema or table name");

        // NamePattern reads a leading ~ as a regular expression; in table-filter syntax it is an ordinary character.
        if (part[0] == '~')
            part = "[~]" + part[1..];
        return NamePattern.Parse(part, caseSensitive);
    }
}
