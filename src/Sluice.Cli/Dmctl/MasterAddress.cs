namespace Sluice.Cli.Dmctl;

/// <summary>
/// dmctl's <c>--master-addr</c>: one or more comma-separated <c>host:port</c>, with or without <c>http://</c>, as
/// DM's own scripts write it.
/// </summary>
internal static class MasterAddress
{
    /// <summary>DM master's default client address.</summary>
    public const string Default = "127.0.0.1:8261";

    /// <summary>The environment variable read when <c>--master-addr</c> is not given.</summary>
    public const string EnvironmentVariable = "SLUICE_MASTER_ADDR";

    private const int DefaultPort = 8261;

    /// <summary>The addresses as base URIs, in the order given.</summary>
    /// <exception cref="ArgumentException">An address is empty or not host:port.</exception>
    public static IReadOnlyList<Uri> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
            throw new ArgumentException("--master-addr is empty: give host:port, e.g. 127.0.0.1:8261");
        return [.. parts.Select(ParseOne)];
    }

    /// <summary>The option's value when given, else <see cref="EnvironmentVariable"/> when set, else <see cref="Default"/>.</summary>
    public static IReadOnlyList<Uri> Resolve(string? given, string? environment) =>
        Parse(!string.IsNullOrWhiteSpace(given) ? given : !string.IsNullOrWhiteSpace(environment) ? environment : Default);

    private static Uri ParseOne(string part)
    {
        var hasScheme = part.Contains("://", StringComparison.Ordinal);
        var text = hasScheme ? part : "http://" + part;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0
            || uri.PathAndQuery != "/" || uri.UserInfo.Length > 0)
        {
            throw new ArgumentException($"--master-addr '{part}' is not host:port (e.g. 127.0.0.1:8261 or http://127.0.0.1:8261)");
        }

        // A bare host means DM's port, not HTTP's 80.
        var port = uri.IsDefaultPort && !hasScheme ? DefaultPort : uri.Port;
        return new UriBuilder(uri.Scheme, uri.Host, port).Uri;
    }
}
