using System.Globalization;
using System.Text.RegularExpressions;

namespace Sluice.Cli.Configuration;

/// <summary>
/// Sizes as DM reads chunk-filesize and dumpling's <c>-F</c>: a bare whole number is MiB (<c>64</c>); otherwise a
/// number with a binary unit, case-insensitive, the <c>i</c> and <c>B</c> optional (<c>256MiB</c>, <c>1g</c>, <c>1.5 GB</c>).
/// </summary>
/// <remarks>DM's ParseFileSize (dm/pkg/dumpling), which falls back to go-units RAMInBytes.</remarks>
internal static partial class ByteSize
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var mebibytes))
        {
            return mebibytes <= long.MaxValue >> 20 && (bytes = mebibytes << 20) >= 0;
        }

        var match = WithUnit().Match(text);
        if (!match.Success || !double.TryParse(match.Groups[1].ValueSpan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var shift = match.Groups[2].Success ? "KMGTP".IndexOf(char.ToUpperInvariant(match.Groups[2].Value[0]), StringComparison.Ordinal) * 10 + 10 : 0;
        var value = number * Math.Pow(2, shift);
        if (value >= long.MaxValue)
        {
            return false;
        }

        bytes = (long)value;
        return true;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$", RegexOptions.CultureInvariant)]
    private static partial Regex WithUnit();
}
