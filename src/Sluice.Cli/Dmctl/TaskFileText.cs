using YamlDotNet.RepresentationModel;

namespace Sluice.Cli.Dmctl;

/// <summary>
/// A DM task file as sent to the master's converter, with the two values the CLI needs itself: the task's
/// <c>name</c>, and <c>target-database.password</c>, which the converter's answer hides and the create must carry.
/// </summary>
internal sealed record TaskFileText(string Yaml, string Name, string? TargetPassword)
{
    public static async Task<TaskFileText> ReadAsync(string path, CancellationToken cancellationToken) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);

    /// <exception cref="ArgumentException">The file has no name: key.</exception>
    /// <exception cref="YamlDotNet.Core.YamlException">The text is not YAML.</exception>
    public static TaskFileText Parse(string yaml, string origin)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
            stream.Load(reader);
        var root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        var name = Scalar(root, "name");
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"{origin}: name: missing: every task has a name");
        var target = root?.Children.TryGetValue(new YamlScalarNode("target-database"), out var node) == true ? node as YamlMappingNode : null;
        return new TaskFileText(yaml, name, Scalar(target, "password"));
    }

    private static string? Scalar(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
