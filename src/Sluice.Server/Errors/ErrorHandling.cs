using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sluice.Server.Errors;

/// <summary>
/// Makes every failure of the API the spec's ErrorWithMessage: thrown <see cref="ApiException"/>s, requests ASP.NET
/// Core rejects (bad parameters, a body over the limit) and empty 4xx answers from routing (unknown path, wrong
/// method).
/// </summary>
internal static partial class ErrorHandling
{
    public static WebApplication UseDmErrors(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Sluice.Server.Errors");
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (ApiException e) when (!context.Response.HasStarted)
            {
                LogRefused(logger, context.Request.Method, context.Request.Path.Value ?? "", e.Status, e.ErrorCode, e.Message);
                await WriteAsync(context, e.Status, e.ErrorCode, e.Message).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                // Kestrel's body limit says 413; parameter binding says 400.
                await WriteAsync(context, e.StatusCode, DmErrorCodes.OpenApiCommon, e.Message).ConfigureAwait(false);
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                LogUnexpected(logger, context.Request.Method, context.Request.Path.Value ?? "", e);
                await WriteAsync(context, StatusCodes.Status500InternalServerError, DmErrorCodes.OpenApiCommon, e.Message).ConfigureAwait(false);
            }
        });
        app.UseStatusCodePages(async statusContext =>
        {
            var context = statusContext.HttpContext;
            var message = context.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"no such path: {context.Request.Path}",
                StatusCodes.Status405MethodNotAllowed => $"method {context.Request.Method} is not allowed on {context.Request.Path}",
                StatusCodes.Status415UnsupportedMediaType => "the request body must be application/json",
                _ => $"request failed with status {context.Response.StatusCode}",
            };
            await WriteAsync(context, context.Response.StatusCode, DmErrorCodes.OpenApiCommon, message).ConfigureAwait(false);
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new ErrorWithMessage(message, code), ApiJson.Options, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} refused with {Status}, error {ErrorCode}: {ErrorMessage}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, int errorCode, string errorMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string method, string path, Exception exception);
}
