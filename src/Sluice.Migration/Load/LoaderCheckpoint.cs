using System.Text;
using MySqlConnector;
using Sluice.Migration.Dump;

namespace Sluice.Migration.Load;

/// <summary>One row of the loader checkpoint: how far a file of the dump is loaded.</summary>
/// <param name="FileName">The data file's name in the dump directory, or sluice-dump.json for the load as a whole.</param>
/// <param name="Schema">The source schema the file belongs to (empty for sluice-dump.json).</param>
/// <param name="Table">The source table the file belongs to (empty for sluice-dump.json).</param>
/// <param name="Offset">Bytes loaded: 0 or <paramref name="EndPos"/>, since a file loads in one transaction.</param>
/// <param name="EndPos">The file's size.</param>
internal sealed record CheckpointRow(string FileName, string Schema, string Table, long Offset, long EndPos)
{
    public bool IsFinished => Offset == EndPos;
}

/// <summary>
/// The loader checkpoint in the target, <c>{meta_schema}.{task}_loader_checkpoint</c>, in the layout of DM's loader
/// checkpoint (id = source id, filename, cp_schema, cp_table, offset, end_pos): a row per data file, written with
/// offset 0 before the load and set to end_pos in the same transaction as the file's rows, so a crash at any moment
/// leaves a file either loaded and recorded or neither. A table's schema file has a row when its secondary keys
/// wait to be added after its data (<see cref="DeferredKeys"/>). The row of sluice-dump.json itself says the whole
/// dump is loaded; rows stay after the load (a rerun skips everything) until <see cref="ClearAsync"/>.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-export-import-config (checkpoint tables in meta-schema)</remarks>
internal sealed class LoaderCheckpoint
{
    /// <summary>The file name of the status row: the manifest, loaded when every file it lists is.</summary>
    public const string StatusFile = DumpManifest.FileName;

    private const int InsertBatch = 200;

    private readonly string _schema;
    private readonly string _table;
    private readonly string _id;

    public LoaderCheckpoint(string metaSchema, string taskName, string sourceId)
    {
        _schema = Sql.Quote(metaSchema);
        _table = _schema + "." + Sql.Quote(TableName(taskName));
        _id = sourceId;
    }

    public static string TableName(string taskName) => taskName + "_loader_checkpoint";

    /// <summary>Creates the meta schema and the checkpoint table when missing.</summary>
    public async Task PrepareAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await TargetSession.ExecuteAsync(connection, null, "CREATE DATABASE IF NOT EXISTS " + _schema, cancellationToken)
            .ConfigureAwait(false);
        // utf8mb4_bin: file names of tables that differ only in case are different files.
        await TargetSession.ExecuteAsync(connection, null, $"""
            CREATE TABLE IF NOT EXISTS {_table} (
              `id` varchar(128) NOT NULL,
              `filename` varchar(512) NOT NULL,
              `cp_schema` varchar(128) NOT NULL,
              `cp_table` varchar(128) NOT NULL,
              `offset` bigint NOT NULL,
              `end_pos` bigint NOT NULL,
              `create_time` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
              `update_time` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
              UNIQUE KEY `uk_id_f` (`id`, `filename`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
            """, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rows recorded for this source, by file name.</summary>
    public async Task<Dictionary<string, CheckpointRow>> ReadAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, CheckpointRow>(StringComparer.Ordinal);
        using var command = new MySqlCommand(
            $"SELECT `filename`, `cp_schema`, `cp_table`, `offset`, `end_pos` FROM {_table} WHERE `id` = @id", connection);
        command.Parameters.AddWithValue("@id", _id);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new CheckpointRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4));
            rows[row.FileName] = row;
        }

        return rows;
    }

    /// <summary>Records files not loaded yet (offset 0), all in one transaction.</summary>
    public async Task InitAsync(MySqlConnection connection, IReadOnlyList<CheckpointRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return;
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        for (var start = 0; start < rows.Count; start += InsertBatch)
        {
            var batch = rows.Skip(start).Take(InsertBatch).ToList();
            var sql = new StringBuilder(
                $"INSERT INTO {_table} (`id`, `filename`, `cp_schema`, `cp_table`, `offset`, `end_pos`) VALUES ");
            var parameters = new List<MySqlParameter> { new("@id", _id) };
            for (var i = 0; i < batch.Count; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append($"(@id, @f{i}, @s{i}, @t{i}, @o{i}, @e{i})");
                parameters.Add(new MySqlParameter($"@f{i}", batch[i].FileName));
                parameters.Add(new MySqlParameter($"@s{i}", batch[i].Schema));
                parameters.Add(new MySqlParameter($"@t{i}", batch[i].Table));
                parameters.Add(new MySqlParameter($"@o{i}", batch[i].Offset));
                parameters.Add(new MySqlParameter($"@e{i}", batch[i].EndPos));
            }

            await TargetSession.ExecuteAsync(connection, transaction, sql.ToString(), [.. parameters], cancellationToken)
                .ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records one file not loaded yet, unless it is recorded already.</summary>
    public async Task RecordAsync(MySqlConnection connection, CheckpointRow row, CancellationToken cancellationToken) =>
        await TargetSession.ExecuteAsync(
            connection,
            null,
            $"INSERT INTO {_table} (`id`, `filename`, `cp_schema`, `cp_table`, `offset`, `end_pos`) VALUES (@id, @f, @s, @t, @o, @e) " +
            "ON DUPLICATE KEY UPDATE `id` = `id`",
            [new("@id", _id), new("@f", row.FileName), new("@s", row.Schema), new("@t", row.Table), new("@o", row.Offset), new("@e", row.EndPos)],
            cancellationToken).ConfigureAwait(false);

    /// <summary>Marks a file loaded, inside the transaction that loaded its rows.</summary>
    public async Task FinishAsync(
        MySqlConnection connection, MySqlTransaction transaction, string fileName, long endPos, CancellationToken cancellationToken)
    {
        var updated = await TargetSession.ExecuteAsync(
            connection,
            transaction,
            $"UPDATE {_table} SET `offset` = @e, `end_pos` = @e WHERE `id` = @id AND `filename` = @f",
            [new("@e", endPos), new("@id", _id), new("@f", fileName)],
            cancellationToken).ConfigureAwait(false);
        if (updated != 1)
        {
            throw new MigrationException(
                $"the loader checkpoint {_table} lost its row for {fileName} of source {_id} during the load");
        }
    }

    /// <summary>True when this source's dump is loaded completely (false also when there is no checkpoint table).</summary>
    public async Task<bool> IsFinishedAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new MySqlCommand(
            $"SELECT `offset` = `end_pos` FROM {_table} WHERE `id` = @id AND `filename` = @f", connection);
        command.Parameters.AddWithValue("@id", _id);
        command.Parameters.AddWithValue("@f", StatusFile);
        try
        {
            var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return result is not null and not DBNull && Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (MySqlException e) when (e.ErrorCode is MySqlErrorCode.NoSuchTable or MySqlErrorCode.UnknownDatabase)
        {
            return false;
        }
    }

    /// <summary>Forgets this source's rows, as DM does when a task is removed: the next load starts over.</summary>
    public async Task ClearAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await TargetSession.ExecuteAsync(
                connection, null, $"DELETE FROM {_table} WHERE `id` = @id", [new("@id", _id)], cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException e) when (e.ErrorCode is MySqlErrorCode.NoSuchTable or MySqlErrorCode.UnknownDatabase)
        {
            // Nothing recorded: nothing to clear.
        }
    }
}
