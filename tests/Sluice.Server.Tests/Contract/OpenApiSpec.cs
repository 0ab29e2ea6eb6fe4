using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Sluice.Server.Tests.Contract;

/// <summary>One path and method of the spec.</summary>
internal sealed record SpecOperation(string Method, string Path, JsonObject Node)
{
    public string Key => $"{Method} {Path}";

    public JsonObject? Responses => Node["responses"] as JsonObject;

    public JsonObject? RequestBodySchema => Node["requestBody"]?["content"]?["application/json"]?["schema"] as JsonObject;

    public bool RequestBodyRequired => Node["requestBody"]?["required"]?.GetValue<string>() == "true";

    public IEnumerable<JsonObject> Parameters(string location) =>
        (Node["parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(p => p["in"]?.GetValue<string>() == location);
}

/// <summary>
/// DM's OpenAPI document (dm-openapi-spec.yaml) read into JSON nodes. YAML scalars stay strings: the schema
/// keywords are compared as text, and examples are converted by the schema's type where a typed value is needed.
/// </summary>
internal sealed class OpenApiSpec
{
    private static readonly string[] s_methods = ["get", "post", "put", "delete", "patch"];

    private OpenApiSpec(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public static string ReferenceDirectory =>
        Environment.GetEnvironmentVariable("SLUICE_DM_REFERENCE") ?? "/work/shared/reference";

    /// <summary>Loads the spec, or skips the test when the reference is not on this machine.</summary>
    public static OpenApiSpec LoadOrSkip()
    {
        var file = Path.Combine(ReferenceDirectory, "dm-openapi-spec.yaml");
        if (!File.Exists(file))
            Assert.Skip($"{file} is not present (set SLUICE_DM_REFERENCE to the directory holding DM's reference documents)");
        var yaml = new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(file));
        return new OpenApiSpec((JsonObject)ToNode(yaml)!);
    }

    public IReadOnlyList<SpecOperation> Operations()
    {
        var operations = new List<SpecOperation>();
        foreach (var (path, item) in Root["paths"]!.AsObject())
        {
            foreach (var method in s_methods)
            {
                if (item?[method] is JsonObject node)
                    operations.Add(new SpecOperation(method.ToUpperInvariant(), path, node));
            }
        }

        return operations;
    }

    /// <summary>Follows $ref until a schema that is not a reference.</summary>
    public JsonObject Resolve(JsonObject schema)
    {
        var seen = 0;
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            Assert.StartsWith("#/", reference, StringComparison.Ordinal);
            JsonNode? node = Root;
            foreach (var part in reference[2..].Split('/'))
                node = node?[part];
            schema = node as JsonObject ?? throw new InvalidOperationException($"unresolved {reference}");
            Assert.True(++seen < 32, $"$ref loop at {reference}");
        }

        return schema;
    }

    public JsonObject Schema(string name) => Resolve(new JsonObject { ["$ref"] = $"#/components/schemas/{name}" });

    /// <summary>The properties of an object schema, with those of its allOf parts.</summary>
    public Dictionary<string, JsonObject> Properties(JsonObject schema)
    {
        var properties = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        schema = Resolve(schema);
        if (schema["properties"] is JsonObject own)
        {
            foreach (var (name, property) in own)
                properties[name] = (JsonObject)property!;
        }

        foreach (var part in (schema["allOf"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var (name, property) in Properties(part))
                properties[name] = property;
        }

        return properties;
    }

    public IReadOnlyList<string> Required(JsonObject schema)
    {
        schema = Resolve(schema);
        var required = (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToList();
        foreach (var part in (schema["allOf"] as JsonArray ?? []).OfType<JsonObject>())
            required.AddRange(Required(part));
        return required;
    }

    /// <summary>The schema's type; an untyped schema with properties is an object.</summary>
    public string? TypeOf(JsonObject schema)
    {
        schema = Resolve(schema);
        if (schema["type"]?.GetValue<string>() is { } type)
            return type;
        return schema["properties"] is not null || schema["allOf"] is not null ? "object" : null;
    }

    /// <summary>A YAML scalar as the JSON value its schema type says.</summary>
    public static JsonNode? Typed(string text, string? type) => type switch
    {
        "integer" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        "boolean" when bool.TryParse(text, out var b) => JsonValue.Create(b),
        _ => JsonValue.Create(text),
    };

    private static JsonNode? ToNode(object? yaml) => yaml switch
    {
        null => null,
        IDictionary<object, object> map => new JsonObject(map.Select(pair => KeyValuePair.Create(Convert.ToString(pair.Key, CultureInfo.InvariantCulture)!, ToNode(pair.Value)))),
        IList<object> list => new JsonArray(list.Select(ToNode).ToArray()),
        _ => JsonValue.Create(Convert.ToString(yaml, CultureInfo.InvariantCulture)),
    };
}
