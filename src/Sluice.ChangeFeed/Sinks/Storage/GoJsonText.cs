using System.Text;

namespace Sluice.ChangeFeed.Sinks.Storage;

/// <summary>
/// JSON strings escaped the way Go's <c>encoding/json</c> escapes them (HTML-safe: <c>&lt;</c>, <c>&gt;</c> and
/// <c>&amp;</c> as \u escapes; U+2028 and U+2029 too; other non-ASCII text as is). TiCDC's schema files are written
/// by that encoder and their names carry a checksum of its bytes, so the bytes must match.
/// </summary>
/// <remarks>https://pkg.go.dev/encoding/json#Marshal</remarks>
internal static class GoJsonText
{
    private const string Hex = "0123456789abcdef";

    public static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    AppendUnicodeEscape(builder, c);
                    break;
                default:
                    if (char.IsSurrogate(c))
                    {
                        // Go writes invalid UTF-8 as U+FFFD; a lone surrogate is the UTF-16 form of the same thing.
                        if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        {
                            builder.Append(c).Append(value[++i]);
                        }
                        else
                        {
                            builder.Append('\uFFFD');
                        }
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static void AppendUnicodeEscape(StringBuilder builder, char c) =>
        builder.Append("\\u").Append(Hex[(c >> 12) & 0xF]).Append(Hex[(c >> 8) & 0xF]).Append(Hex[(c >> 4) & 0xF]).Append(Hex[c & 0xF]);
}
