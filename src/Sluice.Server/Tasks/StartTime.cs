using System.Globalization;

namespace Sluice.Server.Tasks;

/// <summary>start-task's start_time: "2006-01-02 15:04:05" in the server's zone as DM reads it, or RFC 3339 with an offset.</summary>
internal static class StartTime
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss"];

    private static readonly string[] OffsetFormats = ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-dd HH:mm:ssK"];

    public static bool TryParse(string text, out DateTimeOffset time)
    {
        // "+0800" as the spec allows it, written "+08:00" for .NET's zzz.
        if (text.Length > 5 && text[^5] is '+' or '-' && text[^4..].All(char.IsAsciiDigit))
            text = text[..^2] + ":" + text[^2..];
        if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
            return true;
        return DateTimeOffset.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out time);
    }
}
