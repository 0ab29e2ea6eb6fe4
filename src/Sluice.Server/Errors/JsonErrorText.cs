using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sluice.Server.Errors;

/// <summary>
/// Rewrites System.Text.Json's messages in the API's terms: the spec's schema and type names instead of .NET ones,
/// so that an error names the field and what it expected without exposing the server's internals.
/// </summary>
internal static partial class JsonErrorText
{
    public static string Describe(JsonException exception)
    {
        var text = exception.Message;
        text = ClrTypeName().Replace(text, "$1");
        text = text.Replace("System.Int32", "an integer", StringComparison.Ordinal)
            .Replace("System.Int64", "an integer", StringComparison.Ordinal)
            .Replace("System.UInt64", "an integer", StringComparison.Ordinal)
            .Replace("System.Boolean", "a boolean", StringComparison.Ordinal)
            .Replace("System.String", "a string", StringComparison.Ordinal)
            .Replace("could not be mapped to any .NET member contained in type", "is not a field of", StringComparison.Ordinal)
            .Replace("JSON deserialization for type", "", StringComparison.Ordinal)
            .Replace("doesn't allow setting null values. Consider updating its nullability annotation.", "must not be null.", StringComparison.Ordinal);
        text = text.Trim();
        return exception.Path is { } path && !text.Contains("Path:", StringComparison.Ordinal) ? $"{text} Path: {path}" : text;
    }

    [GeneratedRegex(@"'?Sluice\.[\w.]+\.(\w+)'?")]
    private static partial Regex ClrTypeName();
}
