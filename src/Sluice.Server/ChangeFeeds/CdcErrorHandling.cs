using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// Makes every failure under /api/v2 TiCDC's error shape, <c>{"error_msg": "...", "error_code": "CDC:Err…"}</c>:
/// thrown <see cref="CdcApiException"/>s, requests ASP.NET Core refuses (a body over the limit), unknown paths and
/// methods, and anything unexpected (500, logged). Runs inside DM's handler, which keeps every other path.
/// </summary>
internal static partial class CdcErrorHandling
{
    public static WebApplication UseCdcErrors(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Sluice.Server.ChangeFeeds");
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api/v2", StringComparison.Ordinal), branch => branch.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
                if (!context.Response.HasStarted && context.Response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
                {
                    var message = context.Response.StatusCode == StatusCodes.Status404NotFound
                        ? $"no such path: {context.Request.Path}"
                        : $"method {context.Request.Method} is not allowed on {context.Request.Path}";
                    await WriteAsync(context, context.Response.StatusCode, CdcErrorCodes.ApiInvalidParam, message).ConfigureAwait(false);
                }
            }
            catch (CdcApiException e) when (!context.Response.HasStarted)
            {
                LogRefused(logger, context.Request.Method, context.Request.Path.Value ?? "", e.Status, e.ErrorCode, e.Message);
                await WriteAsync(context, e.Status, e.ErrorCode, e.Message).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                await WriteAsync(context, e.StatusCode, CdcErrorCodes.ApiInvalidParam, e.Message).ConfigureAwait(false);
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                LogUnexpected(logger, context.Request.Method, context.Request.Path.Value ?? "", e);
                await WriteAsync(context, StatusCodes.Status500InternalServerError, CdcErrorCodes.InternalServerError, e.Message).ConfigureAwait(false);
            }
        }));
        return app;
    }

    private static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new CdcError(message, code), CdcJson.Options, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} refused with {Status}, error {ErrorCode}: {ErrorMessage}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, string errorCode, string errorMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string method, string path, Exception exception);
}

/// <summary>TiCDC's error body.</summary>
public sealed record CdcError(
    [property: JsonPropertyName("error_msg")] string ErrorMsg,
    [property: JsonPropertyName("error_code")] string ErrorCode);
