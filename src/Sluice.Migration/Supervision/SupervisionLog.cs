using Microsoft.Extensions.Logging;

namespace Sluice.Migration.Supervision;

/// <summary>
/// What a supervised task logs: each source's stage and unit changes and the errors that pause it, with the task
/// and source as fields. Defined with <see cref="LoggerMessage.Define{T1}(LogLevel, EventId, string)"/> because
/// this project gets the logging abstractions through MySqlConnector, without their source generator.
/// </summary>
internal static class SupervisionLog
{
    private static readonly Action<ILogger, string, string, TaskStage, TaskUnit, Exception?> StageChanged =
        LoggerMessage.Define<string, string, TaskStage, TaskUnit>(
            LogLevel.Information, new EventId(1, "StageChanged"), "task {Task} source {SourceId}: stage {Stage}, unit {Unit}");

    private static readonly Action<ILogger, string, string, TaskUnit, Exception?> UnitChanged =
        LoggerMessage.Define<string, string, TaskUnit>(
            LogLevel.Information, new EventId(2, "UnitChanged"), "task {Task} source {SourceId}: unit {Unit}");

    private static readonly Action<ILogger, string, string, int?, int?, string, string?, Exception?> PausedByError =
        LoggerMessage.Define<string, string, int?, int?, string, string?>(
            LogLevel.Error, new EventId(3, "PausedByError"),
            "task {Task} source {SourceId}: paused by error {ErrorCode} (MySQL {MySqlErrorCode}): {ErrorMessage}; workaround: {Workaround}");

    private static readonly Action<ILogger, string, string, int?, int?, string, Exception?> TransientError =
        LoggerMessage.Define<string, string, int?, int?, string>(
            LogLevel.Warning, new EventId(4, "TransientError"),
            "task {Task} source {SourceId}: resuming by itself after error {ErrorCode} (MySQL {MySqlErrorCode}): {ErrorMessage}");

    public static void Stage(ILogger logger, string task, string source, TaskStage stage, TaskUnit unit) =>
        StageChanged(logger, task, source, stage, unit, null);

    public static void Unit(ILogger logger, string task, string source, TaskUnit unit) =>
        UnitChanged(logger, task, source, unit, null);

    /// <summary>The error's message and codes as fields; the exception itself is not logged, its message says what went wrong.</summary>
    public static void Paused(ILogger logger, string task, string source, TaskError error) =>
        PausedByError(logger, task, source, error.Code, error.MySqlErrorCode, error.Message, error.Workaround, null);

    public static void Transient(ILogger logger, string task, string source, TaskError error) =>
        TransientError(logger, task, source, error.Code, error.MySqlErrorCode, error.Message, null);
}
