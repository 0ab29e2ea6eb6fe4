using System.Net;
using System.Text.Json;

namespace Sluice.Server.Tests.Contract;

/// <summary>Tells an operation the server has no route for from an answer of a served one.</summary>
internal static class ServedCheck
{
    /// <summary>
    /// True when routing answered: 404 or 405 with the messages the error handler gives to unknown paths and wrong
    /// methods. A served operation's own 404 (a source or task not found) names what is missing instead.
    /// </summary>
    public static bool IsNotServed(HttpStatusCode status, string body)
    {
        if (status is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed))
            return false;
        try
        {
            var message = JsonDocument.Parse(body).RootElement.GetProperty("error_msg").GetString() ?? "";
            return message.StartsWith("no such path", StringComparison.Ordinal)
                || (status == HttpStatusCode.MethodNotAllowed && message.StartsWith("method ", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Not the error shape: the contract check reports it as a served operation's fault.
            return false;
        }
    }
}
