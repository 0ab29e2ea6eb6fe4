using System.Globalization;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Sluice.ChangeFeed.Model;
using Sluice.Replication.Apply;
using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>
/// Runs a DDL on the target as the source logged it, in its schema (<c>USE</c>), on the sink's control connection, in
/// the changefeed's time zone (the offset that zone had at the DDL's commit time, so a named zone needs no time zone
/// tables on the target). A DDL whose effect is already there (a replay after a restart) is skipped, as TiCDC does.
/// </summary>
internal static class DdlWriter
{
    private const int MaxAttempts = 4;

    public static async Task ApplyAsync(ControlConnection control, DdlEvent ddl, TimeZoneInfo? timeZone, ILogger logger, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = await control.GetAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, "SET SESSION time_zone = " + TimeZoneValue(timeZone, ddl.CommitTs), cancellationToken).ConfigureAwait(false);
                if (ddl.Kind != DdlKind.CreateDatabase && !string.IsNullOrEmpty(ddl.Schema))
                    await ExecuteAsync(connection, "USE " + SqlIdentifier.Quote(ddl.Schema), cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, ddl.Query, cancellationToken).ConfigureAwait(false);
                MySqlSinkLog.DdlApplied(logger, ddl.CommitTs.Value, ddl.Query);
                return;
            }
            catch (MySqlException ex) when (MySqlSinkErrors.IsIgnorableDdl(ex))
            {
                MySqlSinkLog.DdlIgnored(logger, ddl.CommitTs.Value, ddl.Query, ex.Number, ex.Message);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && attempt < MaxAttempts && MySqlSinkErrors.IsRetryable(ex))
            {
                MySqlSinkLog.DdlRetry(logger, ddl.CommitTs.Value, attempt, ex.Message);
                await control.DropAsync().ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 << attempt)), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                var retryable = MySqlSinkErrors.IsRetryable(ex);
                await control.DropAsync().ConfigureAwait(false);
                throw new ChangefeedException(
                    MySqlSinkErrors.DdlError,
                    $"the target {(retryable ? $"failed {attempt} times to run" : "refused")} DDL {ddl.Query} (schema {ddl.Schema}, commit ts {ddl.CommitTs}): {MySqlSinkErrors.Describe(ex)}",
                    retryable,
                    ex);
            }
        }
    }

    /// <summary>The zone's offset at the DDL's commit time as MySQL's '+hh:mm', or DEFAULT for the target's own zone.</summary>
    internal static string TimeZoneValue(TimeZoneInfo? timeZone, Tso commitTs)
    {
        if (timeZone is null)
            return "DEFAULT";
        var offset = timeZone.GetUtcOffset(commitTs.Time);
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"'{sign}{offset.Hours:00}:{offset.Minutes:00}'");
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        // No command timeout: a DDL may rebuild a large table for as long as that takes.
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
