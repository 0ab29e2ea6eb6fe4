using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Server.Errors;
using Sluice.Server.Hosting;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tasks.Conversion;

/// <summary>
/// POST /api/v1/tasks/converters: a task as the API's JSON becomes DM's task file, or a task file becomes the JSON
/// (ConverterTaskRequest / ConverterTaskResponse). The answer holds both forms, the password hidden in each.
/// </summary>
internal static class ConverterEndpoints
{
    public static IEndpointRouteBuilder MapConverterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/tasks/converters", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await ApiJson.ReadElementAsync(request, ct).ConfigureAwait(false);
            var (task, yaml) = Read(body);
            try
            {
                var converted = task ?? TaskYamlConverter.FromYaml(yaml!);
                // Only a task DM would accept converts.
                TaskChecks.ThrowIfInvalidOnItsOwn(converted);
                var hidden = converted.Redacted();
                var response = new Dictionary<string, object>
                {
                    ["task"] = JsonSerializer.SerializeToElement(hidden, TaskJson.Options),
                    ["task_config_file"] = TaskYamlConverter.ToYaml(hidden),
                };
                return Results.Json(response, ApiJson.Options, statusCode: StatusCodes.Status201Created);
            }
            catch (TaskYamlException e)
            {
                throw new ApiException(DmErrorCodes.OpenApiCommon, $"task_config_file: {e.Message}");
            }
        }).WithName("DMAPIConvertTask").WithTags("task").AcceptsJson<ConverterTaskRequest>()
            .Produces<ConverterTaskResponse>(StatusCodes.Status201Created).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    /// <summary>Exactly one of <c>task</c> and <c>task_config_file</c>, nothing else.</summary>
    private static (ApiTask? Task, string? Yaml) Read(JsonElement body)
    {
        try
        {
            return ReadFields(body);
        }
        catch (InvalidOperationException e)
        {
            // Text that is not UTF-8 inside a JSON string only shows when the string is read.
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"bad request body: {e.Message}");
        }
    }

    private static (ApiTask? Task, string? Yaml) ReadFields(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new ApiException(DmErrorCodes.OpenApiCommon, "bad request body: a JSON object with task or task_config_file is expected");
        ApiTask? task = null;
        string? yaml = null;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "task" when property.Value.ValueKind == JsonValueKind.Object:
                    try
                    {
                        task = TaskJson.Parse(property.Value.GetRawText());
                    }
                    catch (JsonException e)
                    {
                        throw new ApiException(DmErrorCodes.OpenApiCommon, $"bad request body: task: {JsonErrorText.Describe(e)}");
                    }

                    break;
                case "task_config_file" when property.Value.ValueKind == JsonValueKind.String:
                    yaml = property.Value.GetString();
                    break;
                case "task" or "task_config_file":
                    throw new ApiException(DmErrorCodes.OpenApiCommon, $"bad request body: {property.Name} has the wrong type");
                default:
                    throw new ApiException(DmErrorCodes.OpenApiCommon, $"bad request body: unknown field '{property.Name}'");
            }
        }

        if ((task is null) == string.IsNullOrEmpty(yaml))
            throw new ApiException(DmErrorCodes.OpenApiCommon, "give either task or task_config_file, not both and not neither");
        return (task, yaml);
    }
}
