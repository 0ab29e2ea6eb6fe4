using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Cli.Dmctl;

/// <summary>--json: the API's answer as it came, indented, on standard output (as dmctl prints its answers).</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Format(JsonNode? answer) => answer?.ToJsonString(Indented) ?? "{}";

    public static Task WriteAsync(JsonNode? answer) => Console.Out.WriteLineAsync(Format(answer));
}
