using MySqlConnector;

namespace Sluice.Migration.Load;

/// <summary>
/// Loads one data file in one transaction on one connection: LOAD DATA LOCAL from the file, the checkpoint row set
/// to loaded, COMMIT. A failure or a kill at any point rolls back both, and the file loads again on the next run.
/// </summary>
/// <remarks>https://mariadb.com/kb/en/load-data-infile/</remarks>
internal sealed class ChunkImporter
{
    private const int Attempts = 3;

    private readonly MySqlConnection _connection;
    private readonly LoaderCheckpoint _checkpoint;
    private readonly OnDuplicate _onDuplicate;
    private readonly Func<string, Stream> _open;

    public ChunkImporter(MySqlConnection connection, LoaderCheckpoint checkpoint, OnDuplicate onDuplicate, Func<string, Stream> open)
    {
        _connection = connection;
        _checkpoint = checkpoint;
        _onDuplicate = onDuplicate;
        _open = open;
    }

    /// <summary>Loads the file and returns its row count; deadlocks and lock wait timeouts are retried.</summary>
    public async Task<long> ImportAsync(TablePlan table, ChunkPlan chunk, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ImportOnceAsync(table, chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (MySqlException e) when (attempt < Attempts && e.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout)
            {
                // The whole transaction is rolled back (explicitly, on dispose, for a lock wait timeout): load it again.
            }
            catch (MySqlException e)
            {
                throw new MigrationException(
                    $"loading {chunk.FileName} into {Sql.Quote(table.Target)} (from {Sql.Quote(table.Source)}) failed: {e.Message}",
                    e.Number,
                    e);
            }
        }
    }

    private async Task<long> ImportOnceAsync(TablePlan table, ChunkPlan chunk, CancellationToken cancellationToken)
    {
        var columns = table.Columns ?? throw new InvalidOperationException($"{table.Target} is not created yet");
        using var transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var stream = new CountingStream(_open(chunk.Path));
        int affected;
        await using (stream.ConfigureAwait(false))
        {
            // The file's bytes go into the columns as they are (CHARACTER SET binary), in the dump format's text
            // layout: tab between fields, newline after rows, backslash escapes, no enclosing quotes.
            var loader = new MySqlBulkLoader(_connection)
            {
                Local = true,
                SourceStream = stream,
                TableName = Sql.Quote(table.Target),
                CharacterSet = "binary",
                FieldTerminator = "\t",
                LineTerminator = "\n",
                EscapeCharacter = '\\',
                ConflictOption = _onDuplicate switch
                {
                    OnDuplicate.Replace => MySqlBulkLoaderConflictOption.Replace,
                    OnDuplicate.Ignore => MySqlBulkLoaderConflictOption.Ignore,
                    _ => MySqlBulkLoaderConflictOption.None,
                },
            };
            loader.Columns.AddRange(columns.Columns);
            loader.Expressions.AddRange(columns.Expressions);
            affected = await loader.LoadAsync(cancellationToken).ConfigureAwait(false);
        }

        // With LOCAL the server cannot stop the client's upload, so a duplicate key only skips the row with a
        // warning, as with IGNORE: fewer rows inserted than read means duplicates.
        if (_onDuplicate == OnDuplicate.Error && affected < stream.Rows)
        {
            var warning = await FirstDuplicateWarningAsync(transaction, cancellationToken).ConfigureAwait(false);
            throw new MigrationException(
                $"duplicate key loading {chunk.FileName} into {Sql.Quote(table.Target)} (from {Sql.Quote(table.Source)}): " +
                $"{stream.Rows - affected} of {stream.Rows} rows already exist" + (warning is null ? "" : $" ({warning})") +
                "; on-duplicate is error (replace overwrites them, ignore keeps the target's)",
                (int)MySqlErrorCode.DuplicateKeyEntry);
        }

        await _checkpoint.FinishAsync(_connection, transaction, chunk.FileName, chunk.Bytes, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stream.Rows;
    }

    private async Task<string?> FirstDuplicateWarningAsync(MySqlTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = new MySqlCommand("SHOW WARNINGS", _connection, transaction);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture) == (int)MySqlErrorCode.DuplicateKeyEntry)
                return reader.GetString(2);
        }

        return null;
    }
}
