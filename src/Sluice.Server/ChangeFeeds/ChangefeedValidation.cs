using System.Text.RegularExpressions;
using Sluice.ChangeFeed.Sinks;

namespace Sluice.Server.ChangeFeeds;

/// <summary>TiCDC's checks of what a changefeed is given: its id and its sink URI.</summary>
internal static partial class ChangefeedValidation
{
    public const int MaxIdLength = 128;

    /// <summary>The sink schemes Sluice writes to.</summary>
    public static readonly IReadOnlyList<string> Schemes = ["mysql", "tidb", "kafka", "file", "local", "blackhole"];

    /// <summary>TiCDC's changefeed id rule: letters and digits in groups joined by single hyphens, at most 128 characters.</summary>
    public static void Id(string? id)
    {
        if (id is null || id.Length > MaxIdLength || !IdPattern().IsMatch(id))
        {
            throw CdcApiException.InvalidParam(
                $"invalid changefeed_id: '{id}': it must match ^[a-zA-Z0-9]+(\\-[a-zA-Z0-9]+)*$ and be at most {MaxIdLength} characters");
        }
    }

    /// <summary>The parsed sink URI; a 400 (ErrSinkURIInvalid) when it is missing, malformed, or of a scheme Sluice does not write.</summary>
    public static SinkUri SinkUri(string? text)
    {
        if (!Sluice.ChangeFeed.Sinks.SinkUri.TryParse(text, out var uri, out var error))
            throw new CdcApiException(CdcErrorCodes.SinkUriInvalid, error);
        if (!Schemes.Contains(uri.Scheme, StringComparer.Ordinal))
            throw new CdcApiException(CdcErrorCodes.SinkUriInvalid, $"the sink scheme ({uri.Scheme}) is not supported: use one of {string.Join(", ", Schemes)}");
        if (uri.Scheme is "mysql" or "tidb" or "kafka" && uri.Hosts.Length == 0)
            throw new CdcApiException(CdcErrorCodes.SinkUriInvalid, $"sink-uri {uri.Redacted} names no host");
        if (uri.Scheme == "kafka" && uri.Path.Length == 0)
            throw new CdcApiException(CdcErrorCodes.SinkUriInvalid, $"sink-uri {uri.Redacted} names no topic (kafka://host:9092/topic-name)");
        if (uri.Scheme is "file" or "local" && uri.Path.Length == 0)
            throw new CdcApiException(CdcErrorCodes.SinkUriInvalid, $"sink-uri {uri.Redacted} names no directory (file:///path/to/dir)");
        return uri;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9]+(\-[a-zA-Z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
