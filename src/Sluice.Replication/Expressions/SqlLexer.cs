using System.Text;

namespace Sluice.Replication.Expressions;

/// <summary>
/// Splits an expression into tokens as MySQL's lexer does for the parts the filter needs: numbers, quoted strings
/// with backslash escapes, bare and backtick-quoted names, operators and comments.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/string-literals.html, https://dev.mysql.com/doc/refman/8.0/en/identifiers.html</remarks>
internal static class SqlLexer
{
    private static readonly string[] Symbols =
        ["<=>", "<=", ">=", "<>", "!=", "&&", "||", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", ",", "!", "."];

    public static List<SqlToken> Tokenize(string text)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (true)
        {
            i = SkipSpaceAndComments(text, i);
            if (i >= text.Length)
            {
                tokens.Add(new SqlToken(SqlTokenKind.End, "", i));
                return tokens;
            }

            var c = text[i];
            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(new SqlToken(SqlTokenKind.String, ReadString(text, ref i), start));
            }
            else if (c == '`')
            {
                tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, ReadQuotedName(text, ref i), start));
            }
            else if (IsNameChar(c))
            {
                while (i < text.Length && IsNameChar(text[i]))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Identifier, text[start..i], start));
            }
            else
            {
                var symbol = Array.Find(Symbols, s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                    ?? throw Error($"Unexpected character '{c}'", i);
                i += symbol.Length;
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, symbol, start));
            }
        }
    }

    internal static SqlExpressionException Error(string message, int position) =>
        new($"{message} at position {position}.") { Position = position };

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c >= 0x80;

    private static int SkipSpaceAndComments(string text, int i)
    {
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (text[i] == '#' || (string.CompareOrdinal(text, i, "--", 0, 2) == 0 && (i + 2 >= text.Length || char.IsWhiteSpace(text[i + 2]))))
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (string.CompareOrdinal(text, i, "/*", 0, 2) == 0)
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("Unterminated comment", i);
                }

                i = end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static SqlToken ReadNumber(string text, ref int i)
    {
        var start = i;
        var kind = SqlTokenKind.Integer;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            kind = SqlTokenKind.Decimal;
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                kind = SqlTokenKind.Float;
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
        }

        if (i < text.Length && IsNameChar(text[i]))
        {
            throw Error($"Unsupported literal '{text[start..Math.Min(text.Length, i + 1)]}'", start);
        }

        return new SqlToken(kind, text[start..i], start);
    }

    private static string ReadString(string text, ref int i)
    {
        var quote = text[i];
        var start = i++;
        var value = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
            {
                throw Error("Unterminated string", start);
            }

            var c = text[i++];
            if (c == quote)
            {
                if (i < text.Length && text[i] == quote)
                {
                    value.Append(quote);
                    i++;
                    continue;
                }

                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (i >= text.Length)
            {
                throw Error("Unterminated string", start);
            }

            // MySQL keeps the backslash of \% and \_ so that LIKE still sees an escaped wildcard.
            var next = text[i++];
            value.Append(next switch
            {
                '0' => "\0",
                'b' => "\b",
                'n' => "\n",
                'r' => "\r",
                't' => "\t",
                'Z' => "\x1A",
                '%' => "\\%",
                '_' => "\\_",
                _ => next.ToString(),
            });
        }
    }

    private static string ReadQuotedName(string text, ref int i)
    {
        var start = i++;
        var value = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
            {
                throw Error("Unterminated quoted name", start);
            }

            var c = text[i++];
            if (c == '`')
            {
                if (i < text.Length && text[i] == '`')
                {
                    value.Append('`');
                    i++;
                    continue;
                }

                return value.ToString();
            }

            value.Append(c);
        }
    }
}
