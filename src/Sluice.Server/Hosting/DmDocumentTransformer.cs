using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Sluice.Server.Hosting;

/// <summary>
/// Makes the generated document read as DM's spec (dm-openapi-spec.yaml) does: its title, its tags, path
/// parameters named as DM names them (<c>{source-name}</c> where the routes bind <c>{sourceName}</c>), and the two
/// documentation operations (GetDocHTML, GetDocJSON), which ASP.NET Core leaves out of the document it serves.
/// </summary>
internal sealed partial class DmDocumentTransformer : IOpenApiDocumentTransformer
{
    private static readonly (string Name, string Description)[] s_tags =
    [
        ("source", "Sources: the MySQL and MariaDB servers tasks read from"),
        ("task", "Migration tasks, their templates and conversion to DM's task file"),
        ("cluster", "The masters and workers of the cluster (this server embeds one of each)"),
        ("doc", "This document and its interactive page"),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "DM OpenAPI (Sluice)",
            Version = "1.0.0",
            Description = "DM's OpenAPI v1 as Sluice serves it. Every failure answers ErrorWithMessage: {\"error_msg\": \"...\", \"error_code\": 12345}.",
        };
        document.Tags = new HashSet<OpenApiTag>(s_tags.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));
        RenamePathParameters(document);
        AddDocOperation(document, ApiDocs.PagePath, "GetDocHTML", "get doc html", "text/html");
        AddDocOperation(document, ApiDocs.DocumentPath, "GetDocJSON", "get doc json", "application/json");
        return Task.CompletedTask;
    }

    /// <summary>DM's name for a route parameter: sourceName becomes source-name.</summary>
    public static string DmParameterName(string name) =>
        UpperCase().Replace(name, match => "-" + match.Value.ToLowerInvariant());

    /// <summary>A route template with DM's parameter names: /api/v1/sources/{sourceName} becomes /api/v1/sources/{source-name}.</summary>
    public static string DmPath(string path) =>
        RouteParameter().Replace(path, match => "{" + DmParameterName(match.Groups[1].Value) + "}");

    private static void RenamePathParameters(OpenApiDocument document)
    {
        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var parameter in (item.Parameters ?? []).Concat((item.Operations ?? []).Values.SelectMany(o => o.Parameters ?? [])))
            {
                if (parameter is OpenApiParameter { In: ParameterLocation.Path, Name: { } name } concrete)
                    concrete.Name = DmParameterName(name);
            }

            paths[DmPath(path)] = item;
        }

        document.Paths = paths;
    }

    private static void AddDocOperation(OpenApiDocument document, string path, string operationId, string summary, string mediaType)
    {
        var operation = new OpenApiOperation
        {
            OperationId = operationId,
            Summary = summary,
            Tags = new HashSet<OpenApiTagReference> { new("doc", document) },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "success",
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [mediaType] = new OpenApiMediaType() },
                },
            },
        };
        document.Paths[path] = new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
    }

    [GeneratedRegex("[A-Z]")]
    private static partial Regex UpperCase();

    [GeneratedRegex(@"\{([^}:?*=]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
