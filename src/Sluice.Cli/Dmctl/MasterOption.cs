using System.CommandLine;

namespace Sluice.Cli.Dmctl;

/// <summary>
/// <c>--master-addr</c>, taken where dmctl users write it: before the command (<c>sluice --master-addr A start-task …</c>,
/// as in <c>dmctl --master-addr A start-task …</c>) or after it. Only the dmctl-style commands carry it.
/// </summary>
internal sealed class MasterOption
{
    private const string Name = "--master-addr";
    private const string Description = "The master's host:port (several comma-separated); default $" + MasterAddress.EnvironmentVariable + ", else " + MasterAddress.Default + ".";

    private readonly List<Option<string>> _options = [];

    /// <summary>The option for the root command: it applies when written before the command's name.</summary>
    public Option<string> ForRoot() => Add(new Option<string>(Name) { Description = Description });

    /// <summary>The option for one top-level command (and the subcommands under it).</summary>
    public Option<string> ForCommand() => Add(new Option<string>(Name) { Description = Description, Recursive = true });

    /// <summary>The masters to call: the option wherever given, else the environment, else the default.</summary>
    public IReadOnlyList<Uri> Resolve(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var given = _options.Select(option => parse.GetResult(option)).FirstOrDefault(result => result is { Implicit: false });
        return MasterAddress.Resolve(given?.GetValueOrDefault<string>(), Environment.GetEnvironmentVariable(MasterAddress.EnvironmentVariable));
    }

    private Option<string> Add(Option<string> option)
    {
        _options.Add(option);
        return option;
    }
}
