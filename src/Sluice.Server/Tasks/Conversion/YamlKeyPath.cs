using System.Text;
using YamlDotNet.RepresentationModel;

namespace Sluice.Server.Tasks.Conversion;

/// <summary>
/// Finds where a key of a task file is, so that a problem found after the file was read into the model is still
/// reported at its line and column. A path is a list of keys (strings) and list indexes (ints).
/// </summary>
internal sealed class YamlKeyPath
{
    private readonly YamlNode? _root;

    public YamlKeyPath(YamlNode? root) => _root = root;

    /// <summary><c>mysql-instances[1].route-rules[0]</c> for ("mysql-instances", 1, "route-rules", 0).</summary>
    public static string Format(IReadOnlyList<object> path)
    {
        var text = new StringBuilder();
        foreach (var part in path)
        {
            _ = part is int index ? text.Append('[').Append(index).Append(']') : text.Append(text.Length == 0 ? string.Empty : ".").Append(part);
        }

        return text.ToString();
    }

    /// <summary>An error about the key at <paramref name="path"/>, at its line when the file has it.</summary>
    public TaskYamlException Error(string problem, params object[] path)
    {
        var (line, column) = Locate(path);
        return new TaskYamlException(Format(path), problem, line, column);
    }

    private (int? Line, int? Column) Locate(IReadOnlyList<object> path)
    {
        var node = _root;
        YamlNode? found = null;
        foreach (var part in path)
        {
            var (key, value) = (node, part) switch
            {
                (YamlMappingNode mapping, string name) => Child(mapping, name),
                (YamlSequenceNode list, int index) when index < list.Children.Count => (list.Children[index], list.Children[index]),
                _ => (null, null),
            };
            if (key is null)
            {
                break;
            }

            (found, node) = (key, value);
        }

        return found is null ? (null, null) : ((int)found.Start.Line, (int)found.Start.Column);
    }

    /// <summary>The key's own node (where the error is shown) and its value (where the path goes on).</summary>
    private static (YamlNode? Key, YamlNode? Value) Child(YamlMappingNode mapping, string key)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is YamlScalarNode { Value: { } name } && name == key)
            {
                return (keyNode, value);
            }
        }

        return (null, null);
    }
}
