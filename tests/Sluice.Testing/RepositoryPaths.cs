namespace Sluice.Testing;

/// <summary>Finds files of the checkout the tests run from.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Script(string name) => Path.Combine(Root, "scripts", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sluice.slnx")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"no Sluice.slnx above {AppContext.BaseDirectory}");
    }
}
