namespace Sluice.Cli.Dmctl;

/// <summary>dmctl's <c>task-name | task-file</c> argument: a task file stands for the task it names.</summary>
internal static class TaskArgument
{
    public static bool IsFile(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return argument.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || argument.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || argument.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    public static async Task<string> TaskNameAsync(string argument, CancellationToken cancellationToken) =>
        IsFile(argument) ? (await TaskFileText.ReadAsync(argument, cancellationToken).ConfigureAwait(false)).Name : argument;

    /// <summary>The path segment naming a task or a source.</summary>
    public static string Segment(string name) => Uri.EscapeDataString(name);
}
