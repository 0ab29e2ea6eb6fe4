namespace Sluice.ChangeFeed.Tests.Sinks.Storage;

/// <summary>A throwaway directory for one test, and what is in it.</summary>
internal sealed class StorageTree : IDisposable
{
    public StorageTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "sluice-storage-" + Guid.NewGuid().ToString("N"));
    }

    public string Root { get; }

    /// <summary>Every file under <paramref name="root"/>: '/'-separated relative path → bytes.</summary>
    public static SortedDictionary<string, byte[]> Read(string root)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
            return files;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative == ".gitattributes")
                continue;
            files[relative] = File.ReadAllBytes(file);
        }

        return files;
    }

    public SortedDictionary<string, byte[]> Read() => Read(Root);

    public string Text(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public bool Exists(string relativePath) => File.Exists(Path.Combine(Root, relativePath));

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
