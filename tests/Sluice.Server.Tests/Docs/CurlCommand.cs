namespace Sluice.Server.Tests.Docs;

/// <summary>
/// A curl command line as the README writes DM's calls: <c>-X METHOD</c>, <c>-H 'Name: value'</c>, <c>-d BODY</c> and
/// one URL. Any other option fails, so the README cannot use one this test would silently ignore.
/// </summary>
internal sealed record CurlCommand(string Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body)
{
    public static CurlCommand Parse(IReadOnlyList<string> words)
    {
        if (words.Count == 0 || words[0] != "curl")
            throw new FormatException($"not a curl command: {string.Join(' ', words)}");

        string? method = null;
        string? url = null;
        string? body = null;
        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 1; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "-X" or "--request":
                    method = Argument(words, ++i);
                    break;
                case "-H" or "--header":
                    var header = Argument(words, ++i);
                    var colon = header.IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0)
                        throw new FormatException($"header '{header}' has no name");
                    headers.Add(new(header[..colon].Trim(), header[(colon + 1)..].Trim()));
                    break;
                case "-d" or "--data" or "--data-raw":
                    body = Argument(words, ++i);
                    break;
                case var option when option.StartsWith('-'):
                    throw new FormatException($"curl option {option} is not understood");
                case var positional when url is null:
                    url = positional;
                    break;
                default:
                    throw new FormatException($"a second URL: {words[i]}");
            }
        }

        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            throw new FormatException($"no absolute URL in: {string.Join(' ', words)}");
        return new CurlCommand(method ?? (body is null ? "GET" : "POST"), uri, headers, body);
    }

    public override string ToString() => $"{Method} {Url.PathAndQuery}";

    private static string Argument(IReadOnlyList<string> words, int index) =>
        index < words.Count ? words[index] : throw new FormatException($"{words[index - 1]} without its argument");
}
