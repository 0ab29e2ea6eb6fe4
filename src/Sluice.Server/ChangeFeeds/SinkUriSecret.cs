namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// Takes the password out of a sink URI's user info and puts it back, as written (still percent-encoded), so that
/// the URI is stored and shown masked (<c>mysql://root:******@host:3306/</c>) and the password is kept sealed apart.
/// The masking is <see cref="Sluice.ChangeFeed.Sinks.SinkUri.Redact"/>'s.
/// </summary>
internal static class SinkUriSecret
{
    public const string Mask = "******";

    /// <summary>The URI masked, and the password as written (null when there is none).</summary>
    public static (string Masked, string? Password) Split(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!TryLocate(uri, out var start, out var length))
            return (uri, null);
        return (string.Concat(uri.AsSpan(0, start), Mask, uri.AsSpan(start + length)), uri.Substring(start, length));
    }

    /// <summary>The URI <see cref="Split"/> masked, with <paramref name="password"/> back in place of the mask.</summary>
    public static string Join(string masked, string? password)
    {
        ArgumentNullException.ThrowIfNull(masked);
        if (password is null || !TryLocate(masked, out var start, out var length))
            return masked;
        return string.Concat(masked.AsSpan(0, start), password, masked.AsSpan(start + length));
    }

    /// <summary>Where the password of the user info is: after the first ':' of the authority, up to its last '@'.</summary>
    private static bool TryLocate(string uri, out int start, out int length)
    {
        (start, length) = (0, 0);
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
            return false;
        var authorityStart = schemeEnd + 3;
        var end = uri.IndexOfAny(['/', '?'], authorityStart);
        var authority = end >= 0 ? uri[authorityStart..end] : uri[authorityStart..];
        var at = authority.LastIndexOf('@');
        var colon = authority.IndexOf(':', StringComparison.Ordinal);
        if (at < 0 || colon < 0 || colon > at)
            return false;
        start = authorityStart + colon + 1;
        length = at - colon - 1;
        return true;
    }
}
