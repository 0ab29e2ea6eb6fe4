namespace Sluice.MySql.Protocol;

/// <summary>
/// Capability flags exchanged in the connection phase. The low 32 bits are MySQL's; MariaDB 10.2+ sends
/// 32 more ("extended capabilities") in the handshake's reserved bytes and clears
/// <see cref="LongPassword"/> (which it calls CLIENT_MYSQL) to say so.
/// </summary>
/// <remarks>
/// https://dev.mysql.com/doc/dev/mysql-server/latest/group__group__cs__capabilities__flags.html
/// https://mariadb.com/kb/en/connection/#capabilities
/// </remarks>
[Flags]
public enum ProtocolCapabilities : ulong
{
    None = 0,

    /// <summary>CLIENT_LONG_PASSWORD; MariaDB's CLIENT_MYSQL.</summary>
    LongPassword = 1,
    FoundRows = 1 << 1,
    LongFlag = 1 << 2,
    ConnectWithDb = 1 << 3,
    NoSchema = 1 << 4,
    Compress = 1 << 5,
    Odbc = 1 << 6,
    LocalFiles = 1 << 7,
    IgnoreSpace = 1 << 8,
    Protocol41 = 1 << 9,
    Interactive = 1 << 10,
    Ssl = 1 << 11,
    IgnoreSigpipe = 1 << 12,
    Transactions = 1 << 13,
    Reserved = 1 << 14,
    SecureConnection = 1 << 15,
    MultiStatements = 1 << 16,
    MultiResults = 1 << 17,
    PsMultiResults = 1 << 18,
    PluginAuth = 1 << 19,
    ConnectAttrs = 1 << 20,
    PluginAuthLengthEncodedClientData = 1 << 21,
    CanHandleExpiredPasswords = 1 << 22,
    SessionTrack = 1 << 23,
    DeprecateEof = 1 << 24,
    OptionalResultsetMetadata = 1 << 25,
    ZstdCompressionAlgorithm = 1 << 26,
    QueryAttributes = 1 << 27,
    MultiFactorAuthentication = 1 << 28,
    CapabilityExtension = 1 << 29,
    SslVerifyServerCert = 1 << 30,
    RememberOptions = 1UL << 31,

    /// <summary>MARIADB_CLIENT_PROGRESS.</summary>
    MariaDbClientProgress = 1UL << 32,

    /// <summary>MARIADB_CLIENT_COM_MULTI.</summary>
    MariaDbComMulti = 1UL << 33,

    /// <summary>MARIADB_CLIENT_STMT_BULK_OPERATIONS.</summary>
    MariaDbStmtBulkOperations = 1UL << 34,

    /// <summary>MARIADB_CLIENT_EXTENDED_TYPE_INFO.</summary>
    MariaDbExtendedTypeInfo = 1UL << 35,

    /// <summary>MARIADB_CLIENT_CACHE_METADATA.</summary>
    MariaDbCacheMetadata = 1UL << 36,
}
