using Sluice.MySql.Protocol;
using Sluice.MySql.Protocol.Payloads;

namespace Sluice.MySql.Session;

/// <summary>
/// Reads the whole response to one COM_QUERY: a sequence of results (OK or text result set), linked by
/// SERVER_MORE_RESULTS_EXISTS, possibly ended early by ERR. Keeps the first result set and sums affected
/// rows, and always reads to the end so the next command starts on a clean connection.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response.html</remarks>
internal static class QueryResponseReader
{
    /// <summary>MySQL's own limit is 4096 columns per table; anything far above is bad bytes.</summary>
    private const int MaxColumnCount = 65535;

    private const byte LocalInfileHeader = 0xFB;

    /// <param name="keepFirstResultSet">False when the caller wants only affected rows: every row is skipped unparsed.</param>
    public static async Task<(MySqlResultSet? FirstResultSet, ulong AffectedRows)> ReadAsync(
        PacketChannel channel, bool deprecateEof, bool keepFirstResultSet, CancellationToken cancellationToken)
    {
        MySqlResultSet? first = null;
        ulong affectedRows = 0;
        while (true)
        {
            var payload = await channel.ReadPayloadAsync(cancellationToken).ConfigureAwait(false);
            ServerStatus status;
            switch (payload.IsEmpty ? -1 : payload.Span[0])
            {
                case OkPayload.Header:
                    var ok = OkPayload.Parse(payload.Span);
                    affectedRows += ok.AffectedRows;
                    status = ok.Status;
                    break;
                case ErrPayload.Header:
                    // ERR ends the response: nothing follows it.
                    throw ErrPayload.Parse(payload.Span).ToException();
                case LocalInfileHeader:
                    throw new MySqlDecodingException("expected a result, found a LOCAL INFILE request, which this client never enables", 0);
                case -1:
                    throw new MySqlDecodingException("expected a result, found an empty payload", 0);
                default:
                    var columnCount = ReadColumnCount(payload.Span);
                    (var resultSet, status) = await ReadResultSetAsync(channel, columnCount, deprecateEof, keepRows: keepFirstResultSet && first is null, cancellationToken)
                        .ConfigureAwait(false);
                    if (keepFirstResultSet)
                        first ??= resultSet;
                    break;
            }

            if ((status & ServerStatus.MoreResultsExist) == 0)
                return (first, affectedRows);
        }
    }

    private static int ReadColumnCount(ReadOnlySpan<byte> payload)
    {
        var reader = new ByteReader(payload);
        var count = reader.ReadLengthEncodedInteger();
        if (count is 0 or > MaxColumnCount)
            throw new MySqlDecodingException($"expected a column count of 1..{MaxColumnCount}, found {count}", 0);
        if (!reader.IsAtEnd)
            throw new MySqlDecodingException($"expected only a column count, found {reader.Remaining} more bytes", reader.Offset);
        return (int)count;
    }

    private static async Task<(MySqlResultSet ResultSet, ServerStatus Status)> ReadResultSetAsync(
        PacketChannel channel, int columnCount, bool deprecateEof, bool keepRows, CancellationToken cancellationToken)
    {
        var names = new string[columnCount];
        for (var i = 0; i < columnCount; i++)
        {
            var definition = await channel.ReadPayloadAsync(cancellationToken).ConfigureAwait(false);
            names[i] = ColumnDefinition41Payload.Parse(definition.Span).Name;
        }

        if (!deprecateEof)
        {
            var eof = await channel.ReadPayloadAsync(cancellationToken).ConfigureAwait(false);
            if (!EofPayload.IsEof(eof.Span))
                throw new MySqlDecodingException($"expected an EOF packet after {columnCount} column definitions, found {Describe(eof.Span)}", 0);
        }

        var rows = new List<string?[]>();
        while (true)
        {
            var row = await channel.ReadPayloadAsync(cancellationToken).ConfigureAwait(false);
            var span = row.Span;
            if (span.IsEmpty)
                throw new MySqlDecodingException("expected a row or the end of the result set, found an empty payload", 0);

            // A row may also start with 0xFE (an 8-byte length prefix) but is then at least 2^24 bytes long.
            if (span[0] == EofPayload.Header && (deprecateEof ? span.Length < PacketChannel.MaxPacketPayloadLength : span.Length < EofPayload.MaxLength))
            {
                var status = deprecateEof ? OkPayload.Parse(span).Status : EofPayload.Parse(span).Status;
                return (new MySqlResultSet(names, rows), status);
            }

            if (span[0] == ErrPayload.Header)
                throw ErrPayload.Parse(span).ToException();
            if (keepRows)
                rows.Add(TextRowPayload.Parse(span, columnCount));
        }
    }

    private static string Describe(ReadOnlySpan<byte> payload) =>
        payload.IsEmpty ? "an empty payload" : $"header 0x{payload[0]:X2} in {payload.Length} bytes";
}
