namespace Sluice.Cli.Configuration;

/// <summary>
/// A DM task file or source file that cannot be used as written: bad YAML, an unknown key, a value of the wrong
/// type, a missing field or a rule that names something not defined. The message says where (file, line, and the
/// key's path such as <c>mysql-instances[1].route-rules[0]</c>) and what is wrong.
/// </summary>
internal sealed class TaskConfigException : Exception
{
    public TaskConfigException()
    {
    }

    public TaskConfigException(string message)
        : base(message)
    {
    }

    public TaskConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TaskConfigException(string? origin, string path, int line, string problem, Exception? innerException = null)
        : base(Format(origin, path, line, problem), innerException)
    {
        Origin = origin;
        KeyPath = path;
        Line = line > 0 ? line : null;
    }

    /// <summary>The file the problem is in, when the caller named it.</summary>
    public string? Origin { get; }

    /// <summary>The path of the offending key (<c>target-database.port</c>); empty for the document as a whole.</summary>
    public string KeyPath { get; } = string.Empty;

    /// <summary>1-based line of the offending key or value, when known.</summary>
    public int? Line { get; }

    private static string Format(string? origin, string path, int line, string problem)
    {
        var where = (origin, line > 0) switch
        {
            (not null, true) => $"{origin}, line {line}: ",
            (not null, false) => $"{origin}: ",
            (null, true) => $"line {line}: ",
            _ => string.Empty,
        };
        return path.Length == 0 ? $"{where}{problem}" : $"{where}{path}: {problem}";
    }
}
