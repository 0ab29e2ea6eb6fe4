namespace Sluice.MySql.Binlog.Decoding;

/// <summary>
/// Post-header lengths of binlog v4 as MySQL 8.0 and MariaDB 10.x announce them in their FORMAT_DESCRIPTION,
/// used before the first FORMAT_DESCRIPTION of a stream (a fake ROTATE comes first) and for type codes a
/// FORMAT_DESCRIPTION's table does not reach.
/// </summary>
/// <remarks>
/// https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Format__description__event.html ,
/// https://mariadb.com/kb/en/format_description_event/
/// </remarks>
internal static class PostHeaderLengths
{
    /// <summary>Indexed by type code - 1, like <see cref="Events.FormatDescriptionEvent.PostHeaderLengths"/>.</summary>
    public static ReadOnlySpan<byte> Defaults =>
    [
        56, // 1 START_EVENT_V3
        13, // 2 QUERY_EVENT: thread id, exec time, schema length, error code, status vars length
        0, // 3 STOP_EVENT
        8, // 4 ROTATE_EVENT: position
        0, // 5 INTVAR_EVENT
        18, // 6 LOAD_EVENT
        0, // 7 SLAVE_EVENT
        4, // 8 CREATE_FILE_EVENT
        4, // 9 APPEND_BLOCK_EVENT
        4, // 10 EXEC_LOAD_EVENT
        4, // 11 DELETE_FILE_EVENT
        18, // 12 NEW_LOAD_EVENT
        0, // 13 RAND_EVENT
        0, // 14 USER_VAR_EVENT
        0, // 15 FORMAT_DESCRIPTION_EVENT: not used, the event describes its own layout
        0, // 16 XID_EVENT
        4, // 17 BEGIN_LOAD_QUERY_EVENT
        26, // 18 EXECUTE_LOAD_QUERY_EVENT
        8, // 19 TABLE_MAP_EVENT: table id (6), flags (2)
        0, 0, 0, // 20-22 PRE_GA_*_ROWS_EVENT
        8, 8, 8, // 23-25 *_ROWS_EVENT_V1: table id (6), flags (2)
        2, // 26 INCIDENT_EVENT
        0, // 27 HEARTBEAT_LOG_EVENT
        0, // 28 IGNORABLE_LOG_EVENT
        0, // 29 ROWS_QUERY_LOG_EVENT
        10, 10, 10, // 30-32 *_ROWS_EVENT (v2): table id (6), flags (2), extra data length (2)
        42, 42, // 33-34 GTID_LOG_EVENT, ANONYMOUS_GTID_LOG_EVENT
        0, // 35 PREVIOUS_GTIDS_LOG_EVENT
        18, // 36 TRANSACTION_CONTEXT_EVENT
        52, // 37 VIEW_CHANGE_EVENT
        0, // 38 XA_PREPARE_LOG_EVENT
        10, // 39 PARTIAL_UPDATE_ROWS_EVENT
        0, // 40 TRANSACTION_PAYLOAD_EVENT
        0, // 41 HEARTBEAT_LOG_EVENT_V2
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 42-81
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 82-121
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 122-159
        0, // 160 ANNOTATE_ROWS_EVENT
        4, // 161 BINLOG_CHECKPOINT_EVENT: file name length
        19, // 162 GTID_EVENT: sequence (8), domain (4), flags (1), commit id or padding (6..8)
        4, // 163 GTID_LIST_EVENT: count and flags
        0, // 164 START_ENCRYPTION_EVENT
        13, // 165 QUERY_COMPRESSED_EVENT (as QUERY_EVENT)
        8, 8, 8, // 166-168 *_ROWS_COMPRESSED_EVENT_V1
        10, 10, 10, // 169-171 *_ROWS_COMPRESSED_EVENT (v2 layout)
    ];

    /// <summary>The post-header length of <paramref name="type"/>: from the FORMAT_DESCRIPTION when it covers the type, else the default.</summary>
    public static int For(BinlogEventType type, byte[]? announced)
    {
        var index = (int)type - 1;
        if (index < 0)
            return 0;
        if (announced is not null && index < announced.Length)
            return announced[index];
        var defaults = Defaults;
        return index < defaults.Length ? defaults[index] : 0;
    }
}
