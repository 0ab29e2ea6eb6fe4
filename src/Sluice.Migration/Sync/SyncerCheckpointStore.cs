using System.Globalization;
using MySqlConnector;
using Sluice.Migration.Load;
using Sluice.Migration.Schema;
using Sluice.MySql.Positions;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Sync;

/// <summary>
/// The sync unit's checkpoint in the target: <c>{meta_schema}.{task}_syncer_checkpoint</c>, DM's table and
/// columns, one global row per source (<c>is_global = 1</c>, empty schema and table) and one row per tracked table.
/// Written with the data's transaction where the caller has one, so applied rows and the point they reach commit
/// together.
/// </summary>
/// <remarks>https://docs.pingcap.com/zh/tidb/stable/dm-checkpoint</remarks>
public sealed class SyncerCheckpointStore(string metaSchema, string taskName, string sourceId)
{
    private readonly string _table = Sql.Quote(new TableName(metaSchema, TableName(taskName)));

    public static string TableName(string taskName) => $"{taskName}_syncer_checkpoint";

    /// <summary>Creates the meta schema and the checkpoint table when missing.</summary>
    public async Task PrepareAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await ExecuteAsync(connection, null, $"CREATE DATABASE IF NOT EXISTS {Sql.Quote(metaSchema)}", [], cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            $"""
            CREATE TABLE IF NOT EXISTS {_table} (
              `id` VARCHAR(32) NOT NULL,
              `cp_schema` VARCHAR(128) NOT NULL,
              `cp_table` VARCHAR(128) NOT NULL,
              `binlog_name` VARCHAR(128),
              `binlog_pos` INT UNSIGNED,
              `binlog_gtid` TEXT,
              `exit_safe_binlog_name` VARCHAR(128) DEFAULT '',
              `exit_safe_binlog_pos` INT UNSIGNED DEFAULT 0,
              `exit_safe_binlog_gtid` TEXT,
              `table_info` JSON NOT NULL,
              `is_global` BOOLEAN,
              `create_time` TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
              `update_time` TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
              UNIQUE KEY `uk_id_schema_table` (`id`, `cp_schema`, `cp_table`)
            ) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
            """,
            [],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>This source's checkpoint, or null when the sync unit never flushed one.</summary>
    public async Task<SyncCheckpoint?> ReadAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new MySqlCommand(
            $"SELECT `cp_schema`, `cp_table`, `binlog_name`, `binlog_pos`, `binlog_gtid`, `exit_safe_binlog_name`, " +
            $"`exit_safe_binlog_pos`, `exit_safe_binlog_gtid`, `table_info`, `is_global` FROM {_table} WHERE `id` = @id",
            connection);
        command.Parameters.AddWithValue("@id", sourceId);
        SyncLocation? global = null;
        SyncLocation? exit = null;
        var tables = new Dictionary<TableName, TableCheckpoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var location = new SyncLocation(
                new BinlogPosition(reader.IsDBNull(2) ? string.Empty : reader.GetString(2), reader.IsDBNull(3) ? 0 : reader.GetUInt32(3)),
                reader.IsDBNull(4) ? string.Empty : reader.GetString(4));
            if (!reader.IsDBNull(9) && reader.GetBoolean(9))
            {
                global = location;
                var exitName = reader.IsDBNull(5) ? string.Empty : reader.GetString(5);
                if (exitName.Length > 0)
                    exit = new SyncLocation(new BinlogPosition(exitName, reader.IsDBNull(6) ? 0 : reader.GetUInt32(6)), reader.IsDBNull(7) ? string.Empty : reader.GetString(7));
            }
            else
            {
                tables[new TableName(reader.GetString(0), reader.GetString(1))] = new TableCheckpoint(location, reader.GetString(8));
            }
        }

        return global is null ? null : new SyncCheckpoint(global, exit, tables);
    }

    /// <summary>
    /// Records <paramref name="global"/> (and the safe-mode exit point; null leaves it as it is) and the given
    /// tables' structures, inside <paramref name="transaction"/> when one is given.
    /// </summary>
    public async Task SaveAsync(
        MySqlConnection connection,
        MySqlTransaction? transaction,
        SyncLocation global,
        SyncLocation? safeModeExit,
        IReadOnlyDictionary<TableName, TableCheckpoint>? tables,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(global);
        var exitColumns = safeModeExit is null
            ? string.Empty
            : ", `exit_safe_binlog_name` = VALUES(`exit_safe_binlog_name`), `exit_safe_binlog_pos` = VALUES(`exit_safe_binlog_pos`), `exit_safe_binlog_gtid` = VALUES(`exit_safe_binlog_gtid`)";
        await ExecuteAsync(connection, transaction,
            $"INSERT INTO {_table} (`id`, `cp_schema`, `cp_table`, `binlog_name`, `binlog_pos`, `binlog_gtid`, `exit_safe_binlog_name`, " +
            "`exit_safe_binlog_pos`, `exit_safe_binlog_gtid`, `table_info`, `is_global`) VALUES (@id, '', '', @name, @pos, @gtid, @exitName, @exitPos, @exitGtid, '{}', 1) " +
            "ON DUPLICATE KEY UPDATE `binlog_name` = VALUES(`binlog_name`), `binlog_pos` = VALUES(`binlog_pos`), `binlog_gtid` = VALUES(`binlog_gtid`)" + exitColumns,
            [
                new("@id", sourceId), new("@name", global.Position.FileName), new("@pos", Pos(global.Position)), new("@gtid", global.Gtid),
                new("@exitName", safeModeExit?.Position.FileName ?? string.Empty), new("@exitPos", safeModeExit is null ? 0u : Pos(safeModeExit.Position)),
                new("@exitGtid", safeModeExit?.Gtid ?? string.Empty),
            ],
            cancellationToken).ConfigureAwait(false);
        foreach (var (table, checkpoint) in tables ?? new Dictionary<TableName, TableCheckpoint>())
        {
            await ExecuteAsync(connection, transaction,
                $"INSERT INTO {_table} (`id`, `cp_schema`, `cp_table`, `binlog_name`, `binlog_pos`, `binlog_gtid`, `table_info`, `is_global`) " +
                "VALUES (@id, @schema, @table, @name, @pos, @gtid, @info, 0) ON DUPLICATE KEY UPDATE `binlog_name` = VALUES(`binlog_name`), " +
                "`binlog_pos` = VALUES(`binlog_pos`), `binlog_gtid` = VALUES(`binlog_gtid`), `table_info` = VALUES(`table_info`)",
                [
                    new("@id", sourceId), new("@schema", table.Schema), new("@table", table.Table), new("@name", checkpoint.Location.Position.FileName),
                    new("@pos", Pos(checkpoint.Location.Position)), new("@gtid", checkpoint.Location.Gtid), new("@info", checkpoint.TableInfo),
                ],
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The statements that record, inside the transaction that applied them, how far the rows of tables without a key
    /// are applied: the table rows' binlog_name and binlog_pos (DM's table checkpoint), kept with an empty table_info.
    /// </summary>
    public IEnumerable<MySqlBatchCommand> TablePositionCommands(IReadOnlyDictionary<TableName, BinlogPosition> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        foreach (var (table, position) in positions)
        {
            var command = new MySqlBatchCommand(
                $"INSERT INTO {_table} (`id`, `cp_schema`, `cp_table`, `binlog_name`, `binlog_pos`, `binlog_gtid`, `table_info`, `is_global`) " +
                "VALUES (@id, @schema, @table, @name, @pos, '', '{}', 0) ON DUPLICATE KEY UPDATE `binlog_name` = VALUES(`binlog_name`), `binlog_pos` = VALUES(`binlog_pos`)");
            command.Parameters.AddRange(new MySqlParameter[] { new("@id", sourceId), new("@schema", table.Schema), new("@table", table.Table), new("@name", position.FileName), new("@pos", Pos(position)) });
            yield return command;
        }
    }

    /// <summary>
    /// Records the schema tracker's structures (<c>table_info</c>) of <paramref name="changed"/> and empties those of
    /// <paramref name="removed"/>, leaving each row's position (a table without a key keeps its own) as it is.
    /// </summary>
    public async Task SaveStructuresAsync(
        MySqlConnection connection, IReadOnlyList<TrackedTable> changed, IReadOnlyList<TableName> removed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(removed);
        foreach (var table in changed)
        {
            await ExecuteAsync(connection, null,
                $"INSERT INTO {_table} (`id`, `cp_schema`, `cp_table`, `binlog_name`, `binlog_pos`, `binlog_gtid`, `table_info`, `is_global`) " +
                "VALUES (@id, @schema, @table, '', 0, '', @info, 0) ON DUPLICATE KEY UPDATE `table_info` = VALUES(`table_info`)",
                [new("@id", sourceId), new("@schema", table.Name.Schema), new("@table", table.Name.Table), new("@info", table.ToTableInfo())],
                cancellationToken).ConfigureAwait(false);
        }

        foreach (var table in removed)
        {
            await ExecuteAsync(connection, null,
                $"UPDATE {_table} SET `table_info` = '{{}}' WHERE `id` = @id AND `cp_schema` = @schema AND `cp_table` = @table AND `is_global` = 0",
                [new("@id", sourceId), new("@schema", table.Schema), new("@table", table.Table)],
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The structures the schema tracker recorded (with or without a global checkpoint).</summary>
    public async Task<IReadOnlyList<TrackedTable>> ReadStructuresAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new MySqlCommand(
            $"SELECT `cp_schema`, `cp_table`, `table_info` FROM {_table} WHERE `id` = @id AND `is_global` = 0 ORDER BY `cp_schema`, `cp_table`", connection);
        command.Parameters.AddWithValue("@id", sourceId);
        var tables = new List<TrackedTable>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (TrackedTable.FromTableInfo(new TableName(reader.GetString(0), reader.GetString(1)), reader.GetString(2)) is { } table)
                tables.Add(table);
        }

        return tables;
    }

    /// <summary>Forgets a dropped table's row.</summary>
    public Task DeleteTableAsync(MySqlConnection connection, MySqlTransaction? transaction, TableName table, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, $"DELETE FROM {_table} WHERE `id` = @id AND `cp_schema` = @schema AND `cp_table` = @table AND `is_global` = 0",
            [new("@id", sourceId), new("@schema", table.Schema), new("@table", table.Table)], cancellationToken);

    /// <summary>Removes this source's rows (a task started over with remove-meta).</summary>
    public Task ClearAsync(MySqlConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, $"DELETE FROM {_table} WHERE `id` = @id", [new("@id", sourceId)], cancellationToken);

    /// <summary>binlog_pos is INT UNSIGNED, as in DM: binlog files never reach 4 GiB (max_binlog_size is at most 1 GiB).</summary>
    private static uint Pos(BinlogPosition position) =>
        position.Position <= uint.MaxValue
            ? (uint)position.Position
            : throw new MigrationException(string.Create(CultureInfo.InvariantCulture, $"binlog position {position} does not fit the checkpoint's INT UNSIGNED column"));

    private static async Task ExecuteAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql, MySqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
