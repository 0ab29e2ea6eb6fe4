using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.ChangeFeed.Tests.Codecs;

/// <summary>Golden files under Golden/, written by hand from the protocol documents, compared as JSON values.</summary>
internal static class Golden
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonNode Load(string path) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", path)))
        ?? throw new InvalidOperationException($"golden file {path} is JSON null");

    public static JsonNode Parse(byte[] json) => JsonNode.Parse(json) ?? throw new InvalidOperationException("the message is JSON null");

    /// <summary>Asserts that <paramref name="actual"/> equals the golden file (object member order aside).</summary>
    public static void AssertJson(string path, JsonNode? actual) => AssertJson(Load(path), actual, path);

    public static void AssertJson(JsonNode? expected, JsonNode? actual, string what)
    {
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Fail($"{what} differs.\nexpected:\n{expected?.ToJsonString(Indented)}\nactual:\n{actual?.ToJsonString(Indented)}");
        }
    }
}
