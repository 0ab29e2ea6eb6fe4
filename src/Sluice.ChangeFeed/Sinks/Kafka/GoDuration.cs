using System.Globalization;
using System.Text.RegularExpressions;

namespace Sluice.ChangeFeed.Sinks.Kafka;

/// <summary>Go's time.ParseDuration, which TiCDC's timeout parameters use: "10s", "1m30s", "1.5h", "300ms".</summary>
/// <remarks>https://pkg.go.dev/time#ParseDuration</remarks>
internal static partial class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
            return false;
        if (text == "0")
            return true;
        var match = Pattern().Match(text);
        if (!match.Success)
            return false;
        double ticks = 0;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = UnitPattern().Match(part.Value);
            var value = double.Parse(unit.Groups["value"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            ticks += value * unit.Groups["unit"].Value switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
            return false;
        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    [GeneratedRegex(@"^(?<part>(\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(?<value>\d+(\.\d*)?|\.\d+)(?<unit>ns|us|µs|μs|ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitPattern();
}
