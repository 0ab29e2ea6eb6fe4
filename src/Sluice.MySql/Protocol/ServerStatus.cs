namespace Sluice.MySql.Protocol;

/// <summary>Server status flags carried by OK and EOF packets and the initial handshake.</summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/mysql__com_8h.html (enum SERVER_STATUS_flags_enum)</remarks>
[Flags]
public enum ServerStatus : ushort
{
    None = 0,
    InTransaction = 0x0001,
    AutoCommit = 0x0002,
    MoreResultsExist = 0x0008,
    NoGoodIndexUsed = 0x0010,
    NoIndexUsed = 0x0020,
    CursorExists = 0x0040,
    LastRowSent = 0x0080,
    DatabaseDropped = 0x0100,
    NoBackslashEscapes = 0x0200,
    MetadataChanged = 0x0400,
    QueryWasSlow = 0x0800,
    PsOutParams = 0x1000,
    InTransactionReadOnly = 0x2000,
    SessionStateChanged = 0x4000,
}
