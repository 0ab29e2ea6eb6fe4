namespace Sluice.Server.Tasks.Conversion;

/// <summary>
/// A DM task file that cannot be read, or a task that cannot be written as one: bad YAML, an unknown key, a value
/// of the wrong type, or something one form can say and the other cannot. The message names the key's path
/// (<c>mysql-instances[1].route-rules[0]</c>) and, for a file, its line and column.
/// </summary>
public sealed class TaskYamlException : Exception
{
    public TaskYamlException()
    {
    }

    public TaskYamlException(string message)
        : base(message)
    {
    }

    public TaskYamlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TaskYamlException(string key, string problem, int? line = null, int? column = null, Exception? innerException = null)
        : base(Format(key, problem, line, column), innerException)
    {
        Key = key;
        Line = line;
        Column = column;
    }

    /// <summary>The path of the offending key; empty for the document as a whole.</summary>
    public string Key { get; } = string.Empty;

    /// <summary>1-based line in the YAML, when the problem is in a file and the place is known.</summary>
    public int? Line { get; }

    /// <summary>1-based column in the YAML, when known.</summary>
    public int? Column { get; }

    private static string Format(string key, string problem, int? line, int? column)
    {
        var where = (line, column) switch
        {
            ({ } l, { } c) => $"line {l}, column {c}: ",
            ({ } l, null) => $"line {l}: ",
            _ => string.Empty,
        };
        return key.Length == 0 ? where + problem : $"{where}{key}: {problem}";
    }
}
