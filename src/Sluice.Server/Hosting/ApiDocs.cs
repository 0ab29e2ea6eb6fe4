using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Hosting;

/// <summary>
/// GET /api/v1/dm.json, the OpenAPI document of the /api/v1 endpoints this server maps (generated from their
/// definitions: names, tags, bodies, statuses), and GET /api/v1/docs, Scalar's interactive page reading it; the same
/// for TiCDC's /api/v2 at /api/v2/cdc.json and /api/v2/docs. The pages' script and styles come from the Scalar
/// package itself: the server may run where no CDN is reachable.
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

    public const string CdcDocumentName = "v2";

    public const string CdcDocumentPath = "/api/v2/cdc.json";

    public const string CdcPagePath = "/api/v2/docs";

    public static IServiceCollection AddCdcApiDocument(this IServiceCollection services) =>
        services
            // The document's route names it with a regex constraint, which the slim host does not register itself.
            .Configure<RouteOptions>(options => options.SetParameterPolicy<RegexInlineRouteConstraint>("regex"))
            .AddOpenApi(CdcDocumentName, options =>
            {
                options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
                options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v2/", StringComparison.Ordinal) == true;
                options.AddOperationTransformer<JsonRequestBodyTransformer>();
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

    public static IEndpointRouteBuilder MapCdcApiDocs(this IEndpointRouteBuilder endpoints)
    {
        // The document's name comes from the route: only "v2" is served here.
        endpoints.MapOpenApi("/api/{documentName:regex(^v2$)}/cdc.json");
        endpoints.MapScalarApiReference(CdcPagePath, options => options
            .WithTitle("Sluice: TiCDC OpenAPI v2")
            .WithOpenApiRoutePattern(CdcDocumentPath)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
        return endpoints;
    }
}
