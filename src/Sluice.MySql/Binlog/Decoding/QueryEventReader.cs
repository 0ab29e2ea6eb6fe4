using System.Buffers;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Decoding;

/// <summary>
/// QUERY_EVENT and MariaDB's QUERY_COMPRESSED_EVENT. Post-header: thread id (4), execution time (4), schema
/// length (1), error code (2), status variables length (2); body: status variables, schema, NUL, statement
/// (compressed in QUERY_COMPRESSED_EVENT, see <see cref="MariaDbCompression"/>).
/// </summary>
/// <remarks>
/// https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Query__event.html ,
/// https://mariadb.com/kb/en/query_event/ , https://mariadb.com/kb/en/query_compressed_event/
/// </remarks>
internal static class QueryEventReader
{
    /// <summary>The post-header of binlog v3, without the status variables length.</summary>
    private const int MinimalPostHeader = 11;

    /// <summary>The post-header length of binlog v4; shorter ones (v3) have no status variables.</summary>
    private const int PostHeaderWithStatusVariables = 13;

    public static QueryEvent Read(BinlogEventHeader header, ref ByteReader reader, int postHeaderLength, bool compressed)
    {
        var postHeaderStart = reader.Offset;
        if (postHeaderLength < MinimalPostHeader)
            throw new MySqlDecodingException($"expected a QUERY post-header of at least {MinimalPostHeader} bytes, found a declared {postHeaderLength}", postHeaderStart);
        var threadId = reader.ReadUInt32();
        var executionTime = reader.ReadUInt32();
        var schemaLength = reader.ReadByte();
        var errorCode = reader.ReadUInt16();
        var statusVariablesLength = postHeaderLength >= PostHeaderWithStatusVariables ? reader.ReadUInt16() : 0;
        reader.Skip(postHeaderStart + postHeaderLength - reader.Offset);

        var statusVariables = reader.ReadBytes(statusVariablesLength);
        var schema = reader.ReadString(schemaLength);
        var terminatorOffset = reader.Offset;
        var terminator = reader.ReadByte();
        if (terminator != 0)
            throw new MySqlDecodingException($"expected a NUL after the schema name, found 0x{terminator:X2}", terminatorOffset);

        var collationId = QueryStatusVariables.FindClientCollation(statusVariables);
        string query;
        if (!compressed)
        {
            query = StatementText.Decode(reader.ReadRemaining(), collationId);
        }
        else
        {
            var compressedOffset = reader.Offset;
            var buffer = MariaDbCompression.Decompress(reader.ReadRemaining(), compressedOffset, out var length);
            try
            {
                query = StatementText.Decode(buffer.AsSpan(0, length), collationId);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return new QueryEvent(header, threadId, executionTime, errorCode, statusVariables.ToArray(), schema, query);
    }
}
