using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Sluice.Replication.Configuration;

/// <summary>
/// Go's duration text (<c>5s</c>, <c>1m30s</c>, <c>500ms</c>, <c>1.5h</c>, with an optional sign), the form DM's task
/// files and API and TiCDC's sink URIs and replica config take for intervals such as <c>safe-mode-duration</c> and
/// <c>flush-interval</c>.
/// </summary>
/// <remarks>https://pkg.go.dev/time#ParseDuration</remarks>
public static class GoDuration
{
    /// <summary>The duration, or null when the text is not one.</summary>
    public static TimeSpan? Parse(string? text) => TryParse(text, out var duration) ? duration : null;

    public static bool TryParse([NotNullWhen(true)] string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
            return false;
        var span = text.AsSpan();
        var negative = false;
        if (span[0] is '+' or '-')
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        if (span.SequenceEqual("0"))
            return true;
        if (span.IsEmpty)
            return false;

        decimal ticks = 0;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
                numberLength++;
            if (numberLength == 0 || !decimal.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            span = span[numberLength..];

            var unitLength = 0;
            while (unitLength < span.Length && !char.IsAsciiDigit(span[unitLength]) && span[unitLength] != '.')
                unitLength++;
            decimal? unit = span[..unitLength] switch
            {
                "ns" => 0.01m,
                "us" or "µs" or "μs" => 10m,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (unit is null)
                return false;
            span = span[unitLength..];
            ticks += number * unit.Value;
            if (ticks > TimeSpan.MaxValue.Ticks)
                return false;
        }

        duration = TimeSpan.FromTicks((long)ticks * (negative ? -1 : 1));
        return true;
    }
}
