using Sluice.Cli.Configuration;

namespace Sluice.Cli.Tests.Configuration;

/// <summary>Builds small task files around one instance, for tests that change a few keys.</summary>
internal static class TaskYaml
{
    public static readonly IReadOnlyDictionary<string, SourceFile> NoSources = new Dictionary<string, SourceFile>();

    /// <param name="instance">Extra keys of the one mysql-instances entry, written without indentation.</param>
    /// <param name="top">Extra top-level keys.</param>
    /// <param name="from">Whether the instance carries an inline from:.</param>
    public static string With(string instance = "", string top = "", bool from = true)
    {
        var fromLines = from ? "from:\n  host: source.example\n  user: reader\n" : string.Empty;
        return "name: t\n"
            + "task-mode: full\n"
            + "target-database:\n  host: target.example\n  user: root\n"
            + top.TrimEnd() + "\n"
            + "mysql-instances:\n"
            + "  - source-id: s1\n"
            + Indent(fromLines + instance, "    ");
    }

    public static Sluice.Migration.MigrationTask Read(string yaml, IReadOnlyDictionary<string, SourceFile>? sources = null) =>
        TaskFileReader.Read(yaml, sources ?? NoSources, "task.yaml");

    public static TaskConfigException Fails(string yaml, IReadOnlyDictionary<string, SourceFile>? sources = null) =>
        Assert.Throws<TaskConfigException>(() => Read(yaml, sources));

    private static string Indent(string lines, string prefix) =>
        string.Concat(lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => prefix + line + "\n"));
}
