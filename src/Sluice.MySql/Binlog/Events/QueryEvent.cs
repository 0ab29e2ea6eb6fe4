namespace Sluice.MySql.Binlog.Events;

/// <summary>QUERY_EVENT (and MariaDB's QUERY_COMPRESSED_EVENT, decompressed): a statement such as BEGIN, COMMIT or DDL.</summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Query__event.html</remarks>
public sealed class QueryEvent(
    BinlogEventHeader header,
    uint threadId,
    uint executionTime,
    ushort errorCode,
    ReadOnlyMemory<byte> statusVariables,
    string schema,
    string query) : BinlogEvent(header)
{
    public uint ThreadId { get; } = threadId;

    public uint ExecutionTime { get; } = executionTime;

    public ushort ErrorCode { get; } = errorCode;

    /// <summary>Raw status variables block (sql_mode, charset, time zone, ...).</summary>
    public ReadOnlyMemory<byte> StatusVariables { get; } = statusVariables;

    /// <summary>The default database when the statement ran (may be empty).</summary>
    public string Schema { get; } = schema;

    public string Query { get; } = query;
}
