namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// The tokens of a DDL statement, only as far as the event filter needs them to tell ALTER TABLE clauses apart:
/// words (keywords and plain names), quoted names, string literals and single punctuation characters. Comments are
/// skipped; the body of an executable comment (<c>/*!50100 … */</c>, MariaDB's <c>/*M! … */</c>) is read as code,
/// as the server reads it.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/comments.html</remarks>
internal static class DdlWords
{
    public static List<DdlWord> Tokenize(string sql)
    {
        var words = new List<DdlWord>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#' || (c == '-' && At(sql, i + 1) == '-' && (i + 2 >= sql.Length || char.IsWhiteSpace(sql[i + 2]))))
            {
                while (i < sql.Length && sql[i] != '\n')
                    i++;
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                i = SkipCommentStart(sql, i);
            }
            else if (c == '*' && At(sql, i + 1) == '/')
            {
                // The end of an executable comment whose body was read as code.
                i += 2;
            }
            else if (c is '`' or '\'' or '"')
            {
                var end = EndOfQuoted(sql, i);
                words.Add(new DdlWord(c == '`' ? DdlWordKind.QuotedName : DdlWordKind.String, sql[(i + 1)..Math.Max(i + 1, end - 1)]));
                i = end;
            }
            else if (IsWordChar(c))
            {
                var start = i;
                while (i < sql.Length && IsWordChar(sql[i]))
                    i++;
                words.Add(new DdlWord(DdlWordKind.Word, sql[start..i]));
            }
            else
            {
                words.Add(new DdlWord(DdlWordKind.Punctuation, sql[i..(i + 1)]));
                i++;
            }
        }

        return words;
    }

    private static char At(string sql, int i) => i < sql.Length ? sql[i] : '\0';

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' || c >= 0x80;

    /// <summary>Skips a comment, or only the opening marker and version of an executable one.</summary>
    private static int SkipCommentStart(string sql, int i)
    {
        var bang = At(sql, i + 2) == '!' ? i + 3 : At(sql, i + 2) == 'M' && At(sql, i + 3) == '!' ? i + 4 : -1;
        if (bang >= 0)
        {
            while (bang < sql.Length && char.IsAsciiDigit(sql[bang]))
                bang++;
            return bang;
        }

        var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
        return end < 0 ? sql.Length : end + 2;
    }

    /// <summary>The index after the closing quote; the quote doubled or (outside backquotes) escaped with \ stays inside.</summary>
    private static int EndOfQuoted(string sql, int i)
    {
        var quote = sql[i];
        var j = i + 1;
        while (j < sql.Length)
        {
            if (sql[j] == '\\' && quote != '`')
            {
                j += 2;
                continue;
            }

            if (sql[j] == quote)
            {
                if (At(sql, j + 1) == quote)
                {
                    j += 2;
                    continue;
                }

                return j + 1;
            }

            j++;
        }

        return sql.Length;
    }
}

internal enum DdlWordKind
{
    /// <summary>Past the end of the statement.</summary>
    None,
    Word,
    QuotedName,
    String,
    Punctuation,
}

internal readonly record struct DdlWord(DdlWordKind Kind, string Text)
{
    public bool Is(string keyword) => Kind == DdlWordKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsPunctuation(char c) => Kind == DdlWordKind.Punctuation && Text[0] == c;

    public bool IsName => Kind is DdlWordKind.Word or DdlWordKind.QuotedName;
}
