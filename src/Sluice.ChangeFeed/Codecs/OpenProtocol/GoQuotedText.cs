using System.Globalization;
using System.Text;

namespace Sluice.ChangeFeed.Codecs.OpenProtocol;

/// <summary>
/// Go's <c>strconv.Quote</c> without the surrounding quotes, applied to raw bytes: open-protocol writes BINARY and
/// VARBINARY values this way (printable UTF-8 kept, <c>\"</c> <c>\\</c> and <c>\a \b \f \n \r \t \v</c> short
/// escapes, other bytes that are not valid UTF-8 or are control characters as <c>\xhh</c>, other unprintable runes
/// as <c>\uhhhh</c> / <c>\Uhhhhhhhh</c>), so a consumer reverses it with <c>strconv.Unquote</c>.
/// </summary>
/// <remarks>https://pkg.go.dev/strconv#Quote</remarks>
internal static class GoQuotedText
{
    public static string Quote(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length + 8);
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out var width);
            if (status != System.Buffers.OperationStatus.Done)
            {
                AppendHexByte(text, bytes[0]);
                bytes = bytes[1..];
                continue;
            }

            AppendRune(text, rune);
            bytes = bytes[width..];
        }

        return text.ToString();
    }

    private static void AppendRune(StringBuilder text, Rune rune)
    {
        var value = rune.Value;
        if (value is '"' or '\\')
        {
            text.Append('\\').Append((char)value);
            return;
        }

        if (IsPrint(rune))
        {
            text.Append(rune.ToString());
            return;
        }

        switch (value)
        {
            case '\a': text.Append("\\a"); return;
            case '\b': text.Append("\\b"); return;
            case '\f': text.Append("\\f"); return;
            case '\n': text.Append("\\n"); return;
            case '\r': text.Append("\\r"); return;
            case '\t': text.Append("\\t"); return;
            case '\v': text.Append("\\v"); return;
        }

        if (value < ' ' || value == 0x7F)
            AppendHexByte(text, (byte)value);
        else if (value < 0x10000)
            text.Append("\\u").Append(value.ToString("x4", CultureInfo.InvariantCulture));
        else
            text.Append("\\U").Append(value.ToString("x8", CultureInfo.InvariantCulture));
    }

    private static void AppendHexByte(StringBuilder text, byte value) =>
        text.Append("\\x").Append(value.ToString("x2", CultureInfo.InvariantCulture));

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsPrint(Rune rune)
    {
        if (rune.Value == ' ')
            return true;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation
                or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }
}
