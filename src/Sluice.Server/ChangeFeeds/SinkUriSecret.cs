using System.Text.Json;

namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// Takes a sink URI's passwords out and puts them back, as written (still percent-encoded), so that the URI is stored
/// and shown masked (<c>mysql://root:******@host:3306/</c>, <c>kafka://h/t?sasl-password=******</c>) and the
/// passwords are kept sealed apart. The passwords are the user info's and the value of every query parameter whose
/// name holds "password" (Kafka's <c>sasl-password</c>, <c>sasl-gssapi-password</c>); the masking matches
/// <see cref="Sluice.ChangeFeed.Sinks.SinkUri.Redact"/>'s.
/// </summary>
internal static class SinkUriSecret
{
    public const string Mask = "******";

    /// <summary>The URI masked, and its passwords as written, as one JSON array in URI order (null when there is none).</summary>
    public static (string Masked, string? Passwords) Split(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var spots = Locate(uri);
        if (spots.Count == 0)
            return (uri, null);
        var passwords = spots.Select(s => uri.Substring(s.Start, s.Length)).ToList();
        return (Replace(uri, spots, _ => Mask), JsonSerializer.Serialize(passwords));
    }

    /// <summary>The URI <see cref="Split"/> masked, with <paramref name="passwords"/> back in place of the masks.</summary>
    public static string Join(string masked, string? passwords)
    {
        ArgumentNullException.ThrowIfNull(masked);
        if (passwords is null)
            return masked;
        var values = JsonSerializer.Deserialize<List<string>>(passwords) ?? [];
        var spots = Locate(masked);
        return spots.Count == values.Count ? Replace(masked, spots, i => values[i]) : masked;
    }

    /// <summary>True when every password <see cref="Split"/> took is the mask: the URI was one the API showed.</summary>
    public static bool IsMasked(string? passwords) =>
        passwords is not null && (JsonSerializer.Deserialize<List<string>>(passwords) ?? []).All(p => p == Mask);

    private static string Replace(string uri, List<(int Start, int Length)> spots, Func<int, string> value)
    {
        var text = new System.Text.StringBuilder(uri.Length);
        var at = 0;
        for (var i = 0; i < spots.Count; i++)
        {
            text.Append(uri, at, spots[i].Start - at).Append(value(i));
            at = spots[i].Start + spots[i].Length;
        }

        return text.Append(uri, at, uri.Length - at).ToString();
    }

    /// <summary>Where the passwords are, in order: the user info's (after the first ':' of the authority, up to its last '@'), then the query's.</summary>
    private static List<(int Start, int Length)> Locate(string uri)
    {
        var spots = new List<(int, int)>();
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
            return spots;
        var authorityStart = schemeEnd + 3;
        var end = uri.IndexOfAny(['/', '?'], authorityStart);
        var authority = end >= 0 ? uri[authorityStart..end] : uri[authorityStart..];
        var at = authority.LastIndexOf('@');
        var colon = authority.IndexOf(':', StringComparison.Ordinal);
        var isFile = uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("local:", StringComparison.OrdinalIgnoreCase);
        if (!isFile && at >= 0 && colon >= 0 && colon < at)
            spots.Add((authorityStart + colon + 1, at - colon - 1));
        var query = uri.IndexOf('?', authorityStart);
        if (query < 0)
            return spots;
        var position = query + 1;
        while (position < uri.Length)
        {
            var next = uri.IndexOf('&', position);
            var pairEnd = next < 0 ? uri.Length : next;
            var equals = uri.IndexOf('=', position, pairEnd - position);
            if (equals > 0 && uri.AsSpan(position, equals - position).Contains("password", StringComparison.OrdinalIgnoreCase))
                spots.Add((equals + 1, pairEnd - equals - 1));
            position = pairEnd + 1;
        }

        return spots;
    }
}
