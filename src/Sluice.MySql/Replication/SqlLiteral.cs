using System.Text;

namespace Sluice.MySql.Replication;

/// <summary>The one escaper for string literals this library puts into SQL text (session variables, information_schema look-ups).</summary>
/// <remarks>
/// Escapes as mysql_real_escape_string does. Backslash escapes need NO_BACKSLASH_ESCAPES off, which the sessions
/// of this library ensure by setting their own sql_mode.
/// </remarks>
public static class SqlLiteral
{
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\0' => "\\0",
                '\n' => "\\n",
                '\r' => "\\r",
                '\\' => "\\\\",
                '\'' => "''",
                '"' => "\\\"",
                '\x1a' => "\\Z",
                _ => null,
            } ?? c.ToString());
        }

        return text.Append('\'').ToString();
    }
}
