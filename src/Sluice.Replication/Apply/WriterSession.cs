using MySqlConnector;

namespace Sluice.Replication.Apply;

/// <summary>
/// The session settings a connection needs before it applies row changes, in one place.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>sql_mode without STRICT_*, NO_ZERO_DATE and NO_ZERO_IN_DATE: a replica applies what the source
/// accepted, zero dates ("0000-00-00", "2024-00-00") included; ALLOW_INVALID_DATES keeps dates such as
/// 2024-02-31 that a source running with it stored; NO_AUTO_VALUE_ON_ZERO stores a replicated 0 in an
/// AUTO_INCREMENT column instead of generating a new value
/// (https://dev.mysql.com/doc/refman/8.0/en/sql-mode.html). No NO_BACKSLASH_ESCAPES and no ANSI_QUOTES:
/// parameters are escaped with backslashes and identifiers quoted with backticks.</item>
/// <item>time_zone '+00:00': TIMESTAMP values are written as UTC text
/// (https://dev.mysql.com/doc/refman/8.0/en/time-zone-support.html).</item>
/// <item>foreign_key_checks=0: changes arrive per table, not in an order that satisfies foreign keys; the
/// source already checked them, as a replica's applier does not check them again.</item>
/// </list>
/// </remarks>
public static class WriterSession
{
    public const string SqlMode = "ALLOW_INVALID_DATES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION";

    public const string TimeZone = "+00:00";

    /// <summary>The statement that sets up a writer's session.</summary>
    public const string SetupSql =
        "SET SESSION sql_mode = '" + SqlMode + "', SESSION time_zone = '" + TimeZone + "', SESSION foreign_key_checks = 0";

    /// <summary>Runs <see cref="SetupSql"/> on <paramref name="connection"/>.</summary>
    public static async Task ApplyAsync(MySqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = new MySqlCommand(SetupSql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
