using System.Text;

namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// Reads what the binlog may not carry from information_schema.COLUMNS.COLUMN_TYPE: signedness
/// ("int(10) unsigned") and ENUM/SET members ("enum('a','b''c')").
/// </summary>
/// <remarks>
/// Members are printed as SQL string literals: a quote is doubled and a backslash, NUL, newline and
/// carriage return are backslash-escaped (append_unescaped in the server), e.g. enum('x''y','b\\c','n\nl').
/// </remarks>
public static class ColumnTypeText
{
    /// <summary>True when the type text has the UNSIGNED attribute (not for ENUM/SET, whose members may say anything).</summary>
    public static bool IsUnsigned(string columnType) =>
        !IsMemberList(columnType) && columnType.Contains(" unsigned", StringComparison.OrdinalIgnoreCase);

    /// <summary>The members of "enum(...)" or "set(...)", or null when the text is not such a list.</summary>
    public static string[]? ParseMembers(string columnType)
    {
        if (!IsMemberList(columnType))
            return null;

        var text = columnType.AsSpan();
        var position = text.IndexOf('(') + 1;
        var members = new List<string>();
        var member = new StringBuilder();
        while (true)
        {
            while (position < text.Length && text[position] == ' ')
                position++;
            if (position < text.Length && text[position] == ')' && members.Count == 0)
                return [];
            if (position >= text.Length || text[position] != '\'')
                return null;
            position++;

            member.Clear();
            while (true)
            {
                if (position >= text.Length)
                    return null;
                var c = text[position++];
                if (c == '\'')
                {
                    if (position < text.Length && text[position] == '\'')
                    {
                        member.Append('\'');
                        position++;
                        continue;
                    }

                    break;
                }

                if (c == '\\' && position < text.Length)
                {
                    c = text[position++] switch
                    {
                        '0' => '\0',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'Z' => '\x1A',
                        var other => other,
                    };
                }

                member.Append(c);
            }

            members.Add(member.ToString());
            while (position < text.Length && text[position] == ' ')
                position++;
            if (position >= text.Length)
                return null;
            if (text[position] == ')')
                return [.. members];
            if (text[position] != ',')
                return null;
            position++;
        }
    }

    private static bool IsMemberList(string columnType) =>
        columnType.StartsWith("enum(", StringComparison.OrdinalIgnoreCase)
        || columnType.StartsWith("set(", StringComparison.OrdinalIgnoreCase);
}
