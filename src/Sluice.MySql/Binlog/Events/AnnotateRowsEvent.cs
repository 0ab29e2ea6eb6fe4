namespace Sluice.MySql.Binlog.Events;

/// <summary>MariaDB's ANNOTATE_ROWS_EVENT: the statement that produced the following row events.</summary>
public sealed class AnnotateRowsEvent(BinlogEventHeader header, string query) : BinlogEvent(header)
{
    public string Query { get; } = query;
}
