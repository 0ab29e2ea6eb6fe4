using Sluice.Server.Errors;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tasks;

/// <summary>The API's answer to a task that fails <see cref="TaskValidator"/>: a 400 with the first problem's code and every problem.</summary>
internal static class TaskChecks
{
    /// <exception cref="ApiException">Some check failed.</exception>
    public static void ThrowIfAny(IReadOnlyList<TaskValidationError> errors)
    {
        if (errors.Count > 0)
            throw new ApiException(errors[0].Code, string.Join("; ", errors.Select(e => e.Message)));
    }

    /// <summary>
    /// Every check of a created task, with the task's own sources as the known ones: for what is kept or converted
    /// rather than run (templates, the converter), which need no registered source.
    /// </summary>
    public static void ThrowIfInvalidOnItsOwn(ApiTask task)
    {
        var own = (task.SourceConfig?.SourceConf ?? []).Select(s => s.SourceName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        ThrowIfAny(TaskValidator.Validate(task, own));
    }
}
