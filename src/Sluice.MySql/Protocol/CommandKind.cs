namespace Sluice.MySql.Protocol;

/// <summary>
/// The first byte of a command payload (the client's side of the command phase).
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_command_phase.html</remarks>
public enum CommandKind : byte
{
    /// <summary>COM_QUIT: the client is closing the connection.</summary>
    Quit = 0x01,

    /// <summary>COM_INIT_DB: change the default schema.</summary>
    InitDb = 0x02,

    /// <summary>COM_QUERY: a statement in the text protocol.</summary>
    Query = 0x03,

    /// <summary>COM_PING: is the server alive.</summary>
    Ping = 0x0E,

    /// <summary>COM_BINLOG_DUMP: stream the binlog from a file and position.</summary>
    BinlogDump = 0x12,

    /// <summary>COM_REGISTER_SLAVE: announce this client as a replica.</summary>
    RegisterSlave = 0x15,

    /// <summary>COM_BINLOG_DUMP_GTID: stream the binlog from a MySQL GTID set.</summary>
    BinlogDumpGtid = 0x1E,
}
