using System.Text.Json.Nodes;

namespace Sluice.Server.Tests.Fuzz;

/// <summary>Edits of a JSON request body: where its values are, and copies with one value changed, removed or added.</summary>
internal static class JsonMutations
{
    /// <summary>Names that are hard on quoting, routing and storage: quotes, slashes, backticks, unicode, NUL, length, SQL.</summary>
    public static readonly string[] HostileNames =
    [
        "it's",
        "say \"hi\"",
        "a/b",
        "a`b",
        "`; DROP DATABASE `mysql",
        "' OR '1'='1",
        "x'); DROP TABLE sources; --",
        "ünïcødé-名前-🙂",
        "nul\u0000byte",
        "a\\b",
        "a?b#c&d=e",
        "line\nbreak",
        "\u202Eright-to-left",
        " padded ",
        "%2F",
        new string('n', 4000),
    ];

    /// <summary>Every value below the root, as a path of property names and array indexes.</summary>
    public static List<object[]> ValuePaths(JsonNode node)
    {
        var paths = new List<object[]>();
        Walk(node, [], paths);
        return paths;
    }

    /// <summary>Every object in the body (the root included), as a path.</summary>
    public static List<object[]> ObjectPaths(JsonNode node) =>
        [[], .. ValuePaths(node).Where(path => At(node, path) is JsonObject)];

    public static JsonNode? At(JsonNode node, object[] path)
    {
        JsonNode? current = node;
        foreach (var step in path)
            current = step is string name ? current?[name] : current?[(int)step];
        return current;
    }

    /// <summary>A copy with the value at <paramref name="path"/> replaced.</summary>
    public static JsonNode With(JsonNode body, object[] path, JsonNode? value)
    {
        var copy = body.DeepClone();
        var parent = At(copy, path[..^1]);
        if (path[^1] is string name)
            parent![name] = value;
        else
            parent![(int)path[^1]] = value;
        return copy;
    }

    /// <summary>A copy without the property at <paramref name="path"/>.</summary>
    public static JsonNode Without(JsonNode body, object[] path)
    {
        var copy = body.DeepClone();
        if (At(copy, path[..^1]) is JsonObject parent && path[^1] is string name)
            parent.Remove(name);
        else if (At(copy, path[..^1]) is JsonArray array)
            array.RemoveAt((int)path[^1]);
        return copy;
    }

    /// <summary>A copy with a property added to the object at <paramref name="path"/>.</summary>
    public static JsonNode Adding(JsonNode body, object[] path, string name, JsonNode? value)
    {
        var copy = body.DeepClone();
        ((JsonObject)At(copy, path)!)[name] = value;
        return copy;
    }

    /// <summary>A value of another JSON type than <paramref name="value"/>.</summary>
    public static JsonNode? WrongType(JsonNode? value) => value?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => JsonValue.Create(12345),
        System.Text.Json.JsonValueKind.Number => JsonValue.Create("12345"),
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => JsonValue.Create("true"),
        System.Text.Json.JsonValueKind.Object => new JsonArray(1, 2),
        System.Text.Json.JsonValueKind.Array => new JsonObject { ["a"] = 1 },
        _ => JsonValue.Create(true),
    };

    private static void Walk(JsonNode? node, object[] path, List<object[]> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    object[] childPath = [.. path, name];
                    paths.Add(childPath);
                    Walk(child, childPath, paths);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    object[] childPath = [.. path, i];
                    paths.Add(childPath);
                    Walk(array[i], childPath, paths);
                }

                break;
            default:
                break;
        }
    }
}
