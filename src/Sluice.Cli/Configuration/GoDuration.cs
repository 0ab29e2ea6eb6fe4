using System.Globalization;

namespace Sluice.Cli.Configuration;

/// <summary>Go's duration text as DM's files write it: a sequence of number-unit pairs such as <c>60s</c>, <c>1m30s</c>, <c>1.5h</c>, <c>500ms</c>.</summary>
/// <remarks>https://pkg.go.dev/time#ParseDuration</remarks>
internal static class GoDuration
{
    public static TimeSpan? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
            return null;
        if (text == "0")
            return TimeSpan.Zero;
        var total = 0.0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                i++;
            if (i == start || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return null;
            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.')
                i++;
            double? ticks = text[unitStart..i] switch
            {
                "ns" => TimeSpan.TicksPerMillisecond / 1e6,
                "us" or "µs" => TimeSpan.TicksPerMillisecond / 1e3,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (ticks is null)
                return null;
            total += number * ticks.Value;
        }

        return total is >= 0 and <= long.MaxValue ? TimeSpan.FromTicks((long)total) : null;
    }
}
