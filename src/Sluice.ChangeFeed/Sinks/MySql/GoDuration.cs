using System.Globalization;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>
/// Durations written as Go's <c>time.ParseDuration</c> reads them (<c>2m</c>, <c>30s</c>, <c>1m30s</c>, <c>500ms</c>),
/// the form TiCDC's sink URI timeouts take.
/// </summary>
/// <remarks>https://pkg.go.dev/time#ParseDuration</remarks>
internal static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
            return false;
        if (text == "0")
            return true;
        var span = text.AsSpan();
        var ticks = 0.0;
        while (!span.IsEmpty)
        {
            var numberEnd = 0;
            while (numberEnd < span.Length && (char.IsAsciiDigit(span[numberEnd]) || span[numberEnd] == '.'))
                numberEnd++;
            if (numberEnd == 0 || !double.TryParse(span[..numberEnd], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            span = span[numberEnd..];
            var unitEnd = 0;
            while (unitEnd < span.Length && !char.IsAsciiDigit(span[unitEnd]) && span[unitEnd] != '.')
                unitEnd++;
            double? unit = span[..unitEnd] switch
            {
                "h" => TimeSpan.TicksPerHour,
                "m" => TimeSpan.TicksPerMinute,
                "s" => TimeSpan.TicksPerSecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "us" or "µs" => TimeSpan.TicksPerMicrosecond,
                "ns" => 0.01,
                _ => null,
            };
            if (unit is not { } perUnit)
                return false;
            ticks += number * perUnit;
            span = span[unitEnd..];
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
            return false;
        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }
}
