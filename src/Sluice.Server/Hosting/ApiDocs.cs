using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Hosting;

/// <summary>
/// GET /api/v1/dm.json, the OpenAPI document of the /api/v1 endpoints this server maps (generated from their
/// definitions: names, tags, bodies, statuses), and GET /api/v1/docs, Scalar's interactive page reading it. The
/// page's script and styles come from the Scalar package itself: the server may run where no CDN is reachable.
/// </summary>
internal static class ApiDocs
{
    /// <summary>The document's name in ASP.NET Core's OpenAPI services; an /api/v2 gets a document of its own.</summary>
    public const string DocumentName = "v1";

    public const string DocumentPath = "/api/v1/dm.json";

    public const string PagePath = "/api/v1/docs";

    public static IServiceCollection AddDmApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            // DM's own spec is OpenAPI 3.0, which more client generators read than 3.1.
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.CreateSchemaReferenceId = type => type.Type == typeof(ApiTask) ? SchemaId(type.Type) : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddOperationTransformer<JsonRequestBodyTransformer>();
            options.AddDocumentTransformer<DmDocumentTransformer>();
        });

    /// <summary>A contract type's name in the document: DM's name where ours differs (the spec's Task is ApiTask here).</summary>
    public static string SchemaId(Type type) => type == typeof(ApiTask) ? "Task" : type.Name;

    public static IEndpointRouteBuilder MapDmApiDocs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(DocumentPath);
        endpoints.MapScalarApiReference(PagePath, options => options
            .WithTitle("Sluice: DM OpenAPI v1")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
        return endpoints;
    }
}
