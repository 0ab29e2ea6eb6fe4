using Microsoft.Extensions.Logging;

namespace Sluice.ChangeFeed.Supervision;

/// <summary>
/// What a supervised changefeed logs: its state changes and the errors behind them, with the changefeed as a field.
/// Defined with <see cref="LoggerMessage.Define{T1}(LogLevel, EventId, string)"/>: this project gets the logging
/// abstractions through MySqlConnector, without their source generator.
/// </summary>
internal static class SupervisorLog
{
    private static readonly Action<ILogger, string, ChangefeedState, Exception?> StateChanged =
        LoggerMessage.Define<string, ChangefeedState>(LogLevel.Information, new EventId(1, "ChangefeedStateChanged"), "changefeed {Changefeed}: state {State}");

    private static readonly Action<ILogger, string, string, string, double, Exception?> Retrying =
        LoggerMessage.Define<string, string, string, double>(
            LogLevel.Warning, new EventId(2, "ChangefeedRetrying"), "changefeed {Changefeed}: retryable error {ErrorCode}: {ErrorMessage}; next try in {BackoffSeconds} s");

    private static readonly Action<ILogger, string, string, string, Exception?> FailedBy =
        LoggerMessage.Define<string, string, string>(
            LogLevel.Error, new EventId(3, "ChangefeedFailed"), "changefeed {Changefeed}: failed by error {ErrorCode}: {ErrorMessage}");

    private static readonly Action<ILogger, string, Exception?> NotifyFailed =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(4, "ChangefeedNotifyFailed"), "changefeed {Changefeed}: recording its state failed");

    public static void State(ILogger logger, string id, ChangefeedState state) => StateChanged(logger, id, state, null);

    public static void Retry(ILogger logger, string id, ChangefeedError error, TimeSpan backoff) =>
        Retrying(logger, id, error.Code, error.Message, backoff.TotalSeconds, null);

    public static void Failed(ILogger logger, string id, ChangefeedError error) => FailedBy(logger, id, error.Code, error.Message, null);

    public static void Notify(ILogger logger, string id, Exception exception) => NotifyFailed(logger, id, exception);
}
