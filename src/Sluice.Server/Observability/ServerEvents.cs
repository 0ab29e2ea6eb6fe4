using Microsoft.Extensions.Logging;

namespace Sluice.Server.Observability;

/// <summary>
/// The server's own events as structured log entries (category "Sluice.Server"): its listeners, and what the API did
/// to sources and tasks, with their names as fields. Never a password: sources are logged by name, host, port and user.
/// </summary>
internal sealed partial class ServerEvents(ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("Sluice.Server");

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "listener ready at {Address}, data directory {DataDirectory}")]
    public partial void Listening(Uri address, string dataDirectory);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "source {SourceName} created: {User}@{Host}:{Port}")]
    public partial void SourceCreated(string sourceName, string host, int port, string user);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "source {SourceName} updated: {User}@{Host}:{Port}")]
    public partial void SourceUpdated(string sourceName, string host, int port, string user);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "source {SourceName} deleted")]
    public partial void SourceDeleted(string sourceName);

    public void TaskCreated(string task, string? taskMode, IReadOnlyList<string> sources)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
            return;
        var names = string.Join(',', sources);
        LogTaskCreated(task, taskMode, names);
    }

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "task {Task} updated")]
    public partial void TaskUpdated(string task);

    [LoggerMessage(EventId = 122, Level = LogLevel.Information, Message = "task {Task} deleted (keep_meta {KeepMeta})")]
    public partial void TaskDeleted(string task, bool keepMeta);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "task {Task} created: mode {TaskMode}, sources {Sources}")]
    private partial void LogTaskCreated(string task, string? taskMode, string sources);

    /// <summary>start, stop, pause or resume as asked through the API; the stages that follow are logged by the supervisor.</summary>
    [LoggerMessage(EventId = 123, Level = LogLevel.Information, Message = "task {Task}: {Operation} requested")]
    public partial void TaskOperation(string task, string operation);
}
