using Microsoft.Extensions.Logging;

namespace Sluice.ChangeFeed.Sinks.MySql;

internal static partial class MySqlSinkLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "MySQL sink to {User}@{Host}:{Port}: {Workers} workers, safe-mode {SafeMode} (on for the first minute anyway)")]
    public static partial void Started(ILogger logger, string user, string host, int port, int workers, bool safeMode);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "DDL at commit ts {CommitTs} already in effect on the target, skipped: {Query} (MySQL error {Number}: {Error})")]
    public static partial void DdlIgnored(ILogger logger, ulong commitTs, string query, int number, string error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "DDL at commit ts {CommitTs} failed on attempt {Attempt}, retrying: {Error}")]
    public static partial void DdlRetry(ILogger logger, ulong commitTs, int attempt, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "DDL at commit ts {CommitTs} applied: {Query}")]
    public static partial void DdlApplied(ILogger logger, ulong commitTs, string query);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "MySQL sink worker {Worker}: transaction {CommitTs} failed on attempt {Attempt}, retrying in safe mode: {Error}")]
    public static partial void TransactionRetry(ILogger logger, int worker, ulong commitTs, int attempt, string error);
}
