using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Sluice.Server.Hosting;

/// <summary>
/// The JSON body an endpoint reads itself (through <c>ApiJson</c> or <c>TaskJson</c>), as /api/v1/dm.json describes
/// it. Unlike <c>Accepts&lt;T&gt;</c> it does not take part in routing: DM's clients send bodies with whatever
/// Content-Type they like (curl -d sends application/x-www-form-urlencoded), and the server reads them all as JSON.
/// </summary>
internal sealed record JsonRequestBody(Type Type, bool Required);

internal static class JsonRequestBodyExtensions
{
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder, bool optional = false) =>
        builder.WithMetadata(new JsonRequestBody(typeof(T), Required: !optional));
}

/// <summary>Writes an endpoint's <see cref="JsonRequestBody"/> into its operation, the schema as a component.</summary>
internal sealed class JsonRequestBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonRequestBody>().LastOrDefault() is not { } body)
            return;
        var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken).ConfigureAwait(false);
        IOpenApiSchema content = schema;
        if (context.Document is { } document)
        {
            var id = ApiDocs.SchemaId(body.Type);
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
            document.Components.Schemas.TryAdd(id, schema);
            content = new OpenApiSchemaReference(id, document);
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = body.Required,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new OpenApiMediaType { Schema = content } },
        };
    }
}
