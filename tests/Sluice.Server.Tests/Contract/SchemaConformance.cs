using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Server.Tests.Contract;

/// <summary>
/// Checks a JSON answer against a schema of the spec: every field must be a property of its schema (following
/// $ref, allOf, arrays, nested objects and additionalProperties), of the schema's type, required properties must
/// be there, and enum values must be listed.
/// </summary>
internal sealed class SchemaConformance(OpenApiSpec spec)
{
    public List<string> Check(JsonElement value, JsonObject schema)
    {
        var problems = new List<string>();
        Check(value, schema, "$", problems);
        return problems;
    }

    private void Check(JsonElement value, JsonObject schema, string path, List<string> problems)
    {
        var nullable = schema["nullable"]?.GetValue<string>() == "true";
        schema = spec.Resolve(schema);
        nullable |= schema["nullable"]?.GetValue<string>() == "true";
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!nullable)
                problems.Add($"{path}: null, the schema does not allow it");
            return;
        }

        var type = spec.TypeOf(schema);
        switch (type)
        {
            case "object":
                CheckObject(value, schema, path, problems);
                break;
            case "array" when value.ValueKind != JsonValueKind.Array:
                problems.Add($"{path}: {value.ValueKind}, the schema says array");
                break;
            case "array":
                var index = 0;
                foreach (var item in value.EnumerateArray())
                    Check(item, (JsonObject)schema["items"]!, $"{path}[{index++}]", problems);
                break;
            case "string" when value.ValueKind != JsonValueKind.String:
                problems.Add($"{path}: {value.ValueKind}, the schema says string");
                break;
            case "integer" when value.ValueKind != JsonValueKind.Number || !(value.TryGetInt64(out _) || value.TryGetUInt64(out _)):
                problems.Add($"{path}: {value.GetRawText()}, the schema says integer");
                break;
            case "number" when value.ValueKind != JsonValueKind.Number:
                problems.Add($"{path}: {value.ValueKind}, the schema says number");
                break;
            case "boolean" when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                problems.Add($"{path}: {value.ValueKind}, the schema says boolean");
                break;
            default:
                break;
        }

        if (schema["enum"] is JsonArray allowed && value.ValueKind == JsonValueKind.String
            && !allowed.Any(a => a!.GetValue<string>() == value.GetString()))
        {
            problems.Add($"{path}: \"{value.GetString()}\" is not one of the schema's values");
        }
    }

    private void CheckObject(JsonElement value, JsonObject schema, string path, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: {value.ValueKind}, the schema says object");
            return;
        }

        var properties = spec.Properties(schema);
        foreach (var field in value.EnumerateObject())
        {
            if (properties.TryGetValue(field.Name, out var property))
                Check(field.Value, property, $"{path}.{field.Name}", problems);
            else if (schema["additionalProperties"] is JsonObject additional)
                Check(field.Value, additional, $"{path}.{field.Name}", problems);
            else if (schema["additionalProperties"]?.GetValue<string>() != "true")
                problems.Add($"{path}.{field.Name}: not a property of the schema");
        }

        // Only required names that the schema defines: the spec lists table_create_sql, which it never defines.
        foreach (var name in spec.Required(schema).Where(properties.ContainsKey))
        {
            if (!value.TryGetProperty(name, out _))
                problems.Add($"{path}.{name}: required, missing");
        }
    }
}
