namespace Sluice.MySql.Binlog.Events;

/// <summary>MySQL's ROWS_QUERY_LOG_EVENT (binlog_rows_query_log_events): the statement behind the following row events.</summary>
public sealed class RowsQueryEvent(BinlogEventHeader header, string query) : BinlogEvent(header)
{
    public string Query { get; } = query;
}
