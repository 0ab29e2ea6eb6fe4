using System.CommandLine;
using System.Text.Json.Nodes;

namespace Sluice.Cli.Dmctl;

/// <summary>dmctl's <c>-s source</c> on task commands: the sources of the task to act on or show (all when left out).</summary>
internal static class SourceFilter
{
    public static Option<string[]> Create() => new("--source", "-s")
    {
        Description = "Only these sources of the task (source_name_list); all when left out.",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>The body with <c>source_name_list</c> when sources were named.</summary>
    public static JsonObject AddTo(JsonObject body, IReadOnlyList<string>? sources)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (sources is { Count: > 0 })
            body["source_name_list"] = new JsonArray([.. sources.Select(source => (JsonNode?)JsonValue.Create(source))]);
        return body;
    }

    /// <summary>The source_name_list query parameters after <paramref name="first"/> ('?' or '&amp;'); empty when no source was named.</summary>
    public static string Query(IReadOnlyList<string>? sources, char first) =>
        sources is { Count: > 0 }
            ? first + string.Join('&', sources.Select(source => "source_name_list=" + Uri.EscapeDataString(source)))
            : "";
}
