namespace Sluice.Server.Tasks.Contract;

/// <summary>One reason a task is refused.</summary>
/// <param name="Code">DM's error code (<see cref="TaskErrorCodes"/>), sent as <c>error_code</c>.</param>
/// <param name="Field">The offending field's path in the task, e.g. <c>source_config.source_conf[1].source_name</c>.</param>
/// <param name="Problem">What is wrong with it and what to write instead.</param>
public sealed record TaskValidationError(int Code, string Field, string Problem)
{
    /// <summary>The message for <c>error_msg</c>: the field, then the problem.</summary>
    public string Message => $"{Field}: {Problem}";

    public override string ToString() => $"[code={Code}] {Message}";
}
