using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.ChangeFeed.Tests.Codecs;

/// <summary>
/// Golden files (written by hand from the protocol documents) and the comparison the tests use: JSON compared as
/// values with properties in the same order, strings by content, numbers by their exact text; only the properties
/// named in <c>ignoreAtRoot</c> (canal-json's encode time "ts") are skipped, and even they must be present.
/// </summary>
internal static class Golden
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonNode Load(string path) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", path)))
        ?? throw new InvalidOperationException($"golden file {path} is JSON null");

    public static JsonNode Parse(byte[] json) => JsonNode.Parse(json) ?? throw new InvalidOperationException("the message is JSON null");

    /// <summary>Asserts that <paramref name="actual"/> equals the golden file as a JSON value (object member order aside).</summary>
    public static void AssertJson(string path, JsonNode? actual) => AssertJson(Load(path), actual, path);

    public static void AssertJson(JsonNode? expected, JsonNode? actual, string what)
    {
        if (!JsonNode.DeepEquals(expected, actual))
            Assert.Fail($"{what} differs.\nexpected:\n{expected?.ToJsonString(Indented)}\nactual:\n{actual?.ToJsonString(Indented)}");
    }

    public static byte[] Bytes(string relativePath) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", relativePath));

    public static string Text(string relativePath) => Encoding.UTF8.GetString(Bytes(relativePath));

    public static void AssertJson(string goldenPath, ReadOnlySpan<byte> actual, params string[] ignoreAtRoot)
    {
        using var expectedDocument = JsonDocument.Parse(Bytes(goldenPath));
        using var actualDocument = JsonDocument.Parse(actual.ToArray());
        var differences = new List<string>();
        Compare(expectedDocument.RootElement, actualDocument.RootElement, "$", ignoreAtRoot, differences);
        Assert.True(differences.Count == 0, $"{goldenPath} differs:\n{string.Join('\n', differences)}\nactual: {Encoding.UTF8.GetString(actual)}");
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, string[] ignore, List<string> differences)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            differences.Add($"{path}: expected {expected.ValueKind} {expected.GetRawText()}, found {actual.ValueKind} {actual.GetRawText()}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToList();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToList();
                if (!expectedNames.SequenceEqual(actualNames, StringComparer.Ordinal))
                {
                    differences.Add($"{path}: expected properties [{string.Join(", ", expectedNames)}], found [{string.Join(", ", actualNames)}]");
                    return;
                }

                foreach (var property in expected.EnumerateObject())
                {
                    if (path == "$" && ignore.Contains(property.Name))
                        continue;
                    Compare(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}", ignore, differences);
                }

                break;
            case JsonValueKind.Array:
                var expectedItems = expected.EnumerateArray().ToList();
                var actualItems = actual.EnumerateArray().ToList();
                if (expectedItems.Count != actualItems.Count)
                {
                    differences.Add($"{path}: expected {expectedItems.Count} items, found {actualItems.Count}");
                    return;
                }

                for (var i = 0; i < expectedItems.Count; i++)
                    Compare(expectedItems[i], actualItems[i], $"{path}[{i}]", ignore, differences);
                break;
            case JsonValueKind.String:
                if (!string.Equals(expected.GetString(), actual.GetString(), StringComparison.Ordinal))
                    differences.Add($"{path}: expected {expected.GetRawText()}, found {actual.GetRawText()}");
                break;
            case JsonValueKind.Number:
                if (!string.Equals(expected.GetRawText(), actual.GetRawText(), StringComparison.Ordinal))
                    differences.Add($"{path}: expected {expected.GetRawText()}, found {actual.GetRawText()}");
                break;
        }
    }
}
