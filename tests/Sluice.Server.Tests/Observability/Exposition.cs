using System.Globalization;
using System.Text.RegularExpressions;

namespace Sluice.Server.Tests.Observability;

/// <summary>
/// A /metrics answer read strictly as Prometheus's text exposition format 0.0.4: every line a HELP, a TYPE, or a
/// sample <c>name{label="value",...} value</c> of a family whose TYPE came first; anything else fails the test.
/// </summary>
/// <remarks>https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format</remarks>
internal sealed partial class Exposition
{
    private Exposition(IReadOnlyDictionary<string, string> types, IReadOnlyList<Sample> samples)
    {
        Types = types;
        Samples = samples;
    }

    /// <summary>Family name to its TYPE (counter, gauge, histogram, summary, untyped).</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlyList<Sample> Samples { get; }

    public static Exposition Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
                continue;
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                Assert.Matches(HelpLine(), line);
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var type = TypeLine().Match(line);
                Assert.True(type.Success, $"bad TYPE line: {line}");
                Assert.True(types.TryAdd(type.Groups[1].Value, type.Groups[2].Value), $"TYPE given twice: {line}");
                continue;
            }

            Assert.False(line.StartsWith('#'), $"unknown comment line: {line}");
            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"bad sample line: {line}");
            var name = sample.Groups["name"].Value;
            Assert.True(types.ContainsKey(Family(name, types)), $"sample without a TYPE line before it: {line}");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in Label().Matches(sample.Groups["labels"].Value))
                Assert.True(labels.TryAdd(label.Groups[1].Value, label.Groups[2].Value), $"label given twice: {line}");
            var value = sample.Groups["value"].Value;
            Assert.True(
                double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || value is "NaN" or "+Inf" or "-Inf",
                $"bad value: {line}");
            samples.Add(new Sample(name, labels, value switch { "+Inf" => double.PositiveInfinity, "-Inf" => double.NegativeInfinity, "NaN" => double.NaN, _ => number }));
        }

        return new Exposition(types, samples);
    }

    /// <summary>Samples of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public IEnumerable<Sample> Find(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value));

    /// <summary>The one sample of <paramref name="name"/> with these labels; null when there is none.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels)
    {
        var found = Find(name, labels).ToList();
        Assert.True(found.Count <= 1, $"{found.Count} samples of {name} match");
        return found.Count == 0 ? null : found[0].Value;
    }

    /// <summary>Histogram and summary samples carry _bucket, _sum and _count after the family's name.</summary>
    private static string Family(string name, Dictionary<string, string> types)
    {
        foreach (var suffix in (string[])["_bucket", "_sum", "_count"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(name[..^suffix.Length], out var type) && type is "histogram" or "summary")
                return name[..^suffix.Length];
        }

        return name;
    }

    [GeneratedRegex(@"^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$")]
    private static partial Regex HelpLine();

    [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*)\})? (?<value>\S+)( -?\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}

internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
