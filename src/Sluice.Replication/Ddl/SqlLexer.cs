namespace Sluice.Replication.Ddl;

/// <summary>
/// Splits a statement into tokens the way MySQL's lexer does for what the DDL parser needs: identifiers, strings,
/// punctuation; whitespace and comments skipped, except that the content of executable comments is SQL.
/// </summary>
/// <remarks>
/// https://dev.mysql.com/doc/refman/8.0/en/comments.html (<c>#</c>, <c>-- </c> with a space or control character
/// after it, <c>/* */</c>, <c>/*!NNNNN … */</c>), https://mariadb.com/kb/en/comment-syntax/ (<c>/*M!NNNNNN … */</c>),
/// https://dev.mysql.com/doc/refman/8.0/en/identifiers.html (backticks, doubled inside; unquoted names of letters,
/// digits, <c>_</c>, <c>$</c> and any character above U+007F), https://dev.mysql.com/doc/refman/8.0/en/string-literals.html
/// (backslash escapes unless NO_BACKSLASH_ESCAPES, doubled quotes; <c>"</c> quotes an identifier under ANSI_QUOTES).
/// Executable comments are always read as SQL: the binlog carries what the source server ran, and a versioned
/// comment the source did not run (a newer version's syntax) is still SQL the target may run.
/// </remarks>
internal static class SqlLexer
{
    /// <exception cref="DdlSyntaxException">An unterminated quote or comment.</exception>
    public static List<SqlToken> Tokenize(string sql, bool ansiQuotes, bool noBackslashEscapes)
    {
        var tokens = new List<SqlToken>();
        var comment = 0;
        var comments = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#' || (c == '-' && At(sql, i + 1) == '-' && (i + 2 == sql.Length || char.IsWhiteSpace(sql[i + 2]) || char.IsControl(sql[i + 2]))))
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                var mariaDb = At(sql, i + 2) == 'M' && At(sql, i + 3) == '!';
                if (At(sql, i + 2) == '!' || mariaDb)
                {
                    if (comment != 0)
                    {
                        throw new DdlSyntaxException($"an executable comment opens inside another at offset {i}");
                    }

                    i += mariaDb ? 4 : 3;
                    while (i < sql.Length && char.IsAsciiDigit(sql[i]))
                    {
                        i++;
                    }

                    comment = ++comments;
                }
                else
                {
                    var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        throw new DdlSyntaxException($"the comment at offset {i} is not closed");
                    }

                    i = end + 2;
                }
            }
            else if (c == '*' && comment != 0 && At(sql, i + 1) == '/')
            {
                comment = 0;
                i += 2;
            }
            else if (c == '`' || (c == '"' && ansiQuotes))
            {
                var end = QuotedEnd(sql, i, backslashEscapes: false);
                tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, i, end, comment));
                i = end;
            }
            else if (c is '\'' or '"')
            {
                var end = QuotedEnd(sql, i, !noBackslashEscapes);
                tokens.Add(new SqlToken(SqlTokenKind.String, i, end, comment));
                i = end;
            }
            else if (IsWordChar(c))
            {
                var start = i;
                while (i < sql.Length && IsWordChar(sql[i]))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Word, start, i, comment));
            }
            else
            {
                tokens.Add(new SqlToken(SqlTokenKind.Punctuation, i, i + 1, comment));
                i++;
            }
        }

        if (comment != 0)
        {
            throw new DdlSyntaxException("an executable comment is not closed");
        }

        return tokens;
    }

    /// <summary>The value of an identifier token: a quoted one without its quotes and with doubled quotes undone.</summary>
    public static string Identifier(string sql, SqlToken token)
    {
        if (token.Kind == SqlTokenKind.Word)
        {
            return sql[token.Start..token.End];
        }

        var quote = sql[token.Start];
        return sql[(token.Start + 1)..(token.End - 1)].Replace(new string(quote, 2), new string(quote, 1), StringComparison.Ordinal);
    }

    /// <summary>Quotes a name for MySQL with backticks, doubling any backtick inside.</summary>
    public static string Quote(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c > '\u007f';

    private static char At(string sql, int index) => index < sql.Length ? sql[index] : '\0';

    private static int QuotedEnd(string sql, int start, bool backslashEscapes)
    {
        var quote = sql[start];
        var i = start + 1;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\\' && backslashEscapes)
            {
                i += 2;
            }
            else if (c == quote)
            {
                if (At(sql, i + 1) != quote)
                {
                    return i + 1;
                }

                i += 2;
            }
            else
            {
                i++;
            }
        }

        throw new DdlSyntaxException($"the {quote} at offset {start} is not closed");
    }
}
