using System.Data;
using MySqlConnector;

namespace Sluice.Migration.Dump;

/// <summary>
/// Streams one chunk's rows from a source connection into a data file as they arrive: every selected value is a
/// binary string (docs/dump-format.md's encodings are done by the SELECT), copied into a reused buffer and
/// escaped into the file. One exporter per export connection.
/// </summary>
internal sealed class ChunkExporter(MySqlConnection connection, DumpTracker tracker)
{
    /// <summary>How often the running row and byte counts reach the progress.</summary>
    private const int ProgressRows = 8192;

    private byte[] _value = new byte[64 * 1024];

    public MySqlConnection Connection { get; } = connection;

    /// <summary>Writes the chunk to <paramref name="path"/>; keeps the last row's key bytes when asked (keyset chunks).</summary>
    public async Task<ChunkResult> ExportAsync(DumpTableLayout table, ChunkQuery query, string path, bool keepLastKey, CancellationToken cancellationToken)
    {
        // The current row's key bytes, overwritten row by row: only the last row's are kept.
        var keyOrdinals = keepLastKey ? table.Key!.Columns.Select(c => c.Ordinal).ToArray() : [];
        var keyValues = keyOrdinals.Select(_ => new byte[64]).ToArray();
        var keyLengths = new int[keyOrdinals.Length];
        long rows = 0;
        long reportedRows = 0;
        long reportedBytes = 0;

        await using var writer = new DataFileWriter(path);
        await using (var command = new MySqlCommand(query.Sql, Connection))
        {
            foreach (var parameter in query.Parameters)
                command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
            var fields = reader.FieldCount;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                for (var i = 0; i < fields; i++)
                {
                    if (reader.IsDBNull(i))
                    {
                        await writer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    var length = checked((int)reader.GetBytes(i, 0, null, 0, 0));
                    if (length > _value.Length)
                        _value = new byte[Math.Max(length, Math.Min(2L * _value.Length, Array.MaxLength))];
                    reader.GetBytes(i, 0, _value, 0, length);
                    var k = Array.IndexOf(keyOrdinals, i);
                    if (k >= 0)
                    {
                        if (length > keyValues[k].Length)
                            keyValues[k] = new byte[length];
                        _value.AsSpan(0, length).CopyTo(keyValues[k]);
                        keyLengths[k] = length;
                    }

                    await writer.WriteValueAsync(_value, length, cancellationToken).ConfigureAwait(false);
                }

                await writer.EndRowAsync(cancellationToken).ConfigureAwait(false);
                if (++rows % ProgressRows == 0)
                {
                    tracker.Add(rows - reportedRows, writer.Length - reportedBytes);
                    reportedRows = rows;
                    reportedBytes = writer.Length;
                }
            }
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        tracker.Add(rows - reportedRows, writer.Length - reportedBytes);
        var lastKey = keepLastKey && rows > 0 ? keyValues.Select((v, k) => v[..keyLengths[k]]).ToArray() : null;
        return new ChunkResult(rows, writer.Length, lastKey);
    }
}

/// <summary>What a chunk export wrote.</summary>
/// <param name="LastKey">The key bytes of the chunk's last row (keyset chunks with rows only).</param>
internal sealed record ChunkResult(long Rows, long Bytes, IReadOnlyList<byte[]>? LastKey);
