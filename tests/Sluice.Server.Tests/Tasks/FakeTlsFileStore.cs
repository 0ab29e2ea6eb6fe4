using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tests.Tasks;

/// <summary>Names files after the contents' first line's last word, writing nothing: enough to see which contents went where.</summary>
internal sealed class FakeTlsFileStore : ITlsFileStore
{
    public List<TlsContents> Saved { get; } = [];

    public TlsFiles Save(TlsContents contents)
    {
        Saved.Add(contents);
        return new TlsFiles(Name(contents.Ca), Name(contents.Cert), Name(contents.Key));
    }

    private static string? Name(string? content) => content is null ? null : $"/tls/{content.Split('\n')[0].Split(' ')[^1]}.pem";
}
