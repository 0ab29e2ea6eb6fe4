using System.Diagnostics.CodeAnalysis;

namespace Sluice.ChangeFeed.Sinks;

/// <summary>
/// A changefeed's <c>sink_uri</c>: scheme (mysql, tidb, kafka, file, blackhole …), user info, hosts, path and
/// query parameters, parsed once. Parameter names are compared without case; the last of a repeated one wins.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-mysql, …/ticdc-sink-to-kafka, …/ticdc-sink-to-cloud-storage</remarks>
public sealed class SinkUri
{
    private readonly Dictionary<string, string> _parameters;

    private SinkUri(string text, string scheme, string? user, string? password, string hosts, string path, Dictionary<string, string> parameters)
    {
        Text = text;
        Scheme = scheme;
        User = user;
        Password = password;
        Hosts = hosts;
        Path = path;
        _parameters = parameters;
    }

    /// <summary>The URI as given.</summary>
    public string Text { get; }

    /// <summary>Lower case.</summary>
    public string Scheme { get; }

    public string? User { get; }

    public string? Password { get; }

    /// <summary>The authority after the user info: one host[:port] or a comma-separated list (Kafka brokers).</summary>
    public string Hosts { get; }

    /// <summary>The path, unescaped, without the leading slash for network schemes (the Kafka topic); as written for file://.</summary>
    public string Path { get; }

    public IReadOnlyDictionary<string, string> Parameters => _parameters;

    public static SinkUri Parse(string text) =>
        TryParse(text, out var uri, out var error) ? uri : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out SinkUri? uri, [NotNullWhen(false)] out string? error)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "sink-uri is empty";
            return false;
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            error = $"sink-uri '{Redact(text)}' has no scheme (like mysql://, kafka://, file://, blackhole://)";
            return false;
        }

        var scheme = text[..schemeEnd].ToLowerInvariant();
        var rest = text[(schemeEnd + 3)..];
        var query = string.Empty;
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        string authority;
        string path;
        if (scheme is "file" or "local")
        {
            authority = string.Empty;
            path = Uri.UnescapeDataString(rest);
        }
        else
        {
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            authority = slash >= 0 ? rest[..slash] : rest;
            path = slash >= 0 ? Uri.UnescapeDataString(rest[(slash + 1)..]) : string.Empty;
        }

        string? user = null;
        string? password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var info = authority[..at];
            authority = authority[(at + 1)..];
            var colon = info.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon >= 0 ? info[..colon] : info);
            password = colon >= 0 ? Uri.UnescapeDataString(info[(colon + 1)..]) : null;
        }

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((eq >= 0 ? pair[..eq] : pair).Replace('+', ' '));
            var value = eq >= 0 ? Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' ')) : string.Empty;
            parameters[name] = value;
        }

        uri = new SinkUri(text, scheme, user, password, authority, path, parameters);
        error = null;
        return true;
    }

    public string? Get(string name) => _parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>An integer parameter, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="FormatException">Present but not an integer in range.</exception>
    public int GetInt(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Get(name) is not { } text)
            return fallback;
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new FormatException($"sink-uri parameter {name}={text} is not an integer between {min} and {max}");
        return value;
    }

    /// <summary>A boolean parameter (true/false/1/0), or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="FormatException">Present but not a boolean.</exception>
    public bool GetBool(string name, bool fallback)
    {
        if (Get(name) is not { } text)
            return fallback;
        return text.ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new FormatException($"sink-uri parameter {name}={text} is not true or false"),
        };
    }

    /// <summary>The URI with its password masked, for logs and API answers.</summary>
    public string Redacted => Redact(Text);

    public override string ToString() => Redacted;

    /// <summary>
    /// Masks a URI's passwords: the user info's (<c>mysql://root:secret@h</c> → <c>mysql://root:******@h</c>) and the
    /// value of every query parameter whose name holds "password" (Kafka's <c>sasl-password</c>).
    /// </summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return RedactQuery(RedactUserInfo(text));
    }

    private static string RedactQuery(string text)
    {
        var query = text.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
            return text;
        var pairs = text[(query + 1)..].Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            var equals = pairs[i].IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pairs[i].AsSpan(0, equals).Contains("password", StringComparison.OrdinalIgnoreCase))
                pairs[i] = pairs[i][..(equals + 1)] + "******";
        }

        return text[..(query + 1)] + string.Join('&', pairs);
    }

    private static string RedactUserInfo(string text)
    {
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
            return text;
        var start = schemeEnd + 3;
        var end = text.IndexOfAny(['/', '?'], start);
        var authority = end >= 0 ? text[start..end] : text[start..];
        var at = authority.LastIndexOf('@');
        if (at < 0)
            return text;
        var colon = authority.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || colon > at)
            return text;
        return string.Concat(text.AsSpan(0, start + colon + 1), "******", text.AsSpan(start + at));
    }
}
