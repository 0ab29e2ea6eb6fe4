using System.Globalization;
using MySqlConnector;
using Sluice.Migration;
using Sluice.Replication.Filtering;
using Sluice.Server.Errors;
using SourceConnection = Sluice.Server.Sources.SourceConnection;

namespace Sluice.Server.Tasks;

/// <summary>
/// DM's precheck of a task against each of its sources, the items the engine depends on: a ROW binlog with FULL row
/// images and a server_id (for tasks that replicate), the REPLICATION SLAVE and CLIENT privileges and SELECT, and,
/// as warnings only, migrated tables without a primary key (DM's table_schema item). Items named in
/// ignore_checking_items (or "all") are skipped, as DM skips them.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-precheck</remarks>
internal static class TaskPrecheck
{
    private const string Passed = "pre-check is passed. ";

    /// <summary>Tables without a primary key listed by name, per source; beyond, only counted, to keep the answer readable.</summary>
    private const int ListedTables = 20;

    /// <returns>The check_result text: passed, or passed with the warnings.</returns>
    /// <exception cref="ApiException">A check failed (26005, every failure in the message), or a source refused the connection.</exception>
    public static async Task<string> RunAsync(MigrationTask task, IReadOnlyCollection<string> ignoredItems, CancellationToken cancellationToken)
    {
        if (ignoredItems.Contains("all"))
            return Passed;
        var errors = new List<string>();
        var warnings = new List<string>();
        foreach (var source in task.Sources)
        {
            var connection = await SourceConnection.OpenAsync(source.Connection.Host, source.Connection.Port, source.Connection.User, source.Connection.Password, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await CheckSourceAsync(connection, task, source, Skip, errors, warnings, cancellationToken).ConfigureAwait(false);
            }
        }

        if (errors.Count > 0)
            throw new ApiException(DmErrorCodes.TaskCheckSyncConfigError, "pre-check is failed: " + string.Join("; ", errors));
        return warnings.Count == 0 ? Passed : Passed + "warnings: " + string.Join("; ", warnings);

        bool Skip(string item) => ignoredItems.Contains(item);
    }

    private static async Task CheckSourceAsync(MySqlConnection connection, MigrationTask task, SourceInstance source, Func<string, bool> skip, List<string> errors, List<string> warnings, CancellationToken ct)
    {
        var name = source.SourceId;
        var replicates = task.Mode is TaskMode.All or TaskMode.Incremental;
        if (replicates)
        {
            var format = await VariableAsync(connection, "binlog_format", ct).ConfigureAwait(false);
            if (!skip("binlog_format") && !string.Equals(format, "ROW", StringComparison.OrdinalIgnoreCase))
                errors.Add($"source {name}: binlog_format is {format}, not ROW: SET GLOBAL binlog_format = 'ROW' (and in the server's configuration)");
            var image = await VariableAsync(connection, "binlog_row_image", ct).ConfigureAwait(false);
            if (!skip("binlog_row_image") && !string.Equals(image, "FULL", StringComparison.OrdinalIgnoreCase))
                errors.Add($"source {name}: binlog_row_image is {image}, not FULL: SET GLOBAL binlog_row_image = 'FULL'");
            var serverId = await VariableAsync(connection, "server_id", ct).ConfigureAwait(false);
            if (!skip("server_id") && serverId is "0" or "")
                errors.Add($"source {name}: server_id is not set: give the server a server_id");
        }

        if (task.Mode != TaskMode.Load)
        {
            var grants = await GrantsAsync(connection, ct).ConfigureAwait(false);
            if (replicates && !skip("replication_privilege"))
            {
                if (!HasGlobal(grants, "REPLICATION SLAVE", "REPLICATION REPLICA"))
                    errors.Add($"source {name}: user {source.Connection.User} lacks the REPLICATION SLAVE privilege");
                if (!HasGlobal(grants, "REPLICATION CLIENT", "BINLOG MONITOR"))
                    errors.Add($"source {name}: user {source.Connection.User} lacks the REPLICATION CLIENT privilege");
            }

            if (!skip("dump_privilege") && !grants.Any(g => g.Contains("ALL PRIVILEGES", StringComparison.OrdinalIgnoreCase) || g.Contains("SELECT", StringComparison.OrdinalIgnoreCase)))
                errors.Add($"source {name}: user {source.Connection.User} lacks the SELECT privilege");
        }

        if (!skip("table_schema"))
        {
            var filter = new TableFilter(source.BlockAllowList, task.CaseSensitive);
            var tables = (await TablesWithoutPrimaryKeyAsync(connection, ct).ConfigureAwait(false)).Where(filter.Allows).ToList();
            foreach (var table in tables.Take(ListedTables))
                warnings.Add($"source {name}: table `{table.Schema}`.`{table.Table}` has no primary key: its rows are matched by all columns");
            if (tables.Count > ListedTables)
                warnings.Add($"source {name}: {tables.Count - ListedTables} more tables have no primary key");
        }
    }

    /// <summary>Whether a grant on *.* gives one of the names (or ALL PRIVILEGES).</summary>
    private static bool HasGlobal(IReadOnlyList<string> grants, params string[] names) =>
        grants.Any(grant => grant.Contains(" ON *.*", StringComparison.OrdinalIgnoreCase)
            && (grant.Contains("ALL PRIVILEGES", StringComparison.OrdinalIgnoreCase) || names.Any(n => grant.Contains(n, StringComparison.OrdinalIgnoreCase))));

    private static async Task<string> VariableAsync(MySqlConnection connection, string name, CancellationToken ct)
    {
        var command = new MySqlCommand("SELECT @@GLOBAL." + name, connection);
        await using (command.ConfigureAwait(false))
        {
            var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
    }

    private static async Task<IReadOnlyList<string>> GrantsAsync(MySqlConnection connection, CancellationToken ct)
    {
        var grants = new List<string>();
        var command = new MySqlCommand("SHOW GRANTS FOR CURRENT_USER()", connection);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    grants.Add(reader.GetString(0));
            }
        }

        return grants;
    }

    private static async Task<IReadOnlyList<TableName>> TablesWithoutPrimaryKeyAsync(MySqlConnection connection, CancellationToken ct)
    {
        const string Sql = """
            SELECT t.TABLE_SCHEMA, t.TABLE_NAME FROM information_schema.TABLES t
            WHERE t.TABLE_TYPE = 'BASE TABLE'
              AND t.TABLE_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema')
              AND NOT EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c
                              WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY')
            ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME
            """;
        var tables = new List<TableName>();
        var command = new MySqlCommand(Sql, connection);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    tables.Add(new TableName(reader.GetString(0), reader.GetString(1)));
            }
        }

        return tables;
    }
}
