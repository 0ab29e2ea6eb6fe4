using System.Buffers.Binary;

namespace Sluice.MySql.Binlog.Decoding;

/// <summary>
/// Walks a QUERY_EVENT status variables block to find Q_CHARSET_CODE. Each variable is a type code and a value
/// whose length depends on the code, so the walk stops (and UTF-8 is assumed) at a code it does not know.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Query__event.html (status variables),
/// https://mariadb.com/kb/en/query_event/</remarks>
internal static class QueryStatusVariables
{
    /// <summary>utf8mb4_general_ci: what the text is taken as when the block does not say.</summary>
    public const uint DefaultCollation = 45;

    private const byte Flags2 = 0;
    private const byte SqlMode = 1;
    private const byte Catalog = 2;
    private const byte AutoIncrement = 3;
    private const byte Charset = 4;
    private const byte TimeZone = 5;
    private const byte CatalogNz = 6;
    private const byte LcTimeNames = 7;
    private const byte CharsetDatabase = 8;
    private const byte TableMapForUpdate = 9;
    private const byte MasterDataWritten = 10;
    private const byte Invoker = 11;
    private const byte UpdatedDbNames = 12;
    private const byte Microseconds = 13;
    private const byte ExplicitDefaultsForTimestamp = 16;
    private const byte DdlLoggedWithXid = 17;
    private const byte DefaultCollationForUtf8mb4 = 18;
    private const byte SqlRequirePrimaryKey = 19;
    private const byte DefaultTableEncryption = 20;
    private const byte MariaDbHrnow = 128;
    private const byte MariaDbXid = 129;
    private const byte MariaDbGtidFlags3 = 130;

    /// <summary>Past this many names Q_UPDATED_DB_NAMES carries none (OVER_MAX_DBS_IN_EVENT_MTS).</summary>
    private const byte OverMaxDatabases = 254;

    /// <summary>character_set_client from Q_CHARSET_CODE (client, connection, server collations, 2 bytes each).</summary>
    public static uint FindClientCollation(ReadOnlySpan<byte> block)
    {
        var i = 0;
        while (i < block.Length)
        {
            var code = block[i++];
            var rest = block[i..];
            int length;
            switch (code)
            {
                case Charset:
                    return rest.Length >= 6 ? BinaryPrimitives.ReadUInt16LittleEndian(rest) : DefaultCollation;
                case Flags2:
                case MasterDataWritten:
                    length = 4;
                    break;
                case SqlMode:
                case TableMapForUpdate:
                case DdlLoggedWithXid:
                case MariaDbXid:
                    length = 8;
                    break;
                case AutoIncrement:
                    length = 4;
                    break;
                case LcTimeNames:
                case CharsetDatabase:
                case DefaultCollationForUtf8mb4:
                    length = 2;
                    break;
                case Microseconds:
                case MariaDbHrnow:
                    length = 3;
                    break;
                case ExplicitDefaultsForTimestamp:
                case SqlRequirePrimaryKey:
                case DefaultTableEncryption:
                case MariaDbGtidFlags3:
                    length = 1;
                    break;
                case TimeZone:
                case CatalogNz:
                    length = rest.IsEmpty ? 1 : 1 + rest[0];
                    break;
                case Catalog:
                    length = rest.IsEmpty ? 1 : 1 + rest[0] + 1;
                    break;
                case Invoker:
                    length = InvokerLength(rest);
                    break;
                case UpdatedDbNames:
                    length = UpdatedDbNamesLength(rest);
                    break;
                default:
                    return DefaultCollation;
            }

            i += length;
        }

        return DefaultCollation;
    }

    private static int InvokerLength(ReadOnlySpan<byte> rest)
    {
        if (rest.IsEmpty)
            return 1;
        var user = 1 + rest[0];
        return user < rest.Length ? user + 1 + rest[user] : user;
    }

    private static int UpdatedDbNamesLength(ReadOnlySpan<byte> rest)
    {
        if (rest.IsEmpty)
            return 1;
        var count = rest[0];
        var length = 1;
        if (count == OverMaxDatabases)
            return length;
        for (var n = 0; n < count && length < rest.Length; n++)
        {
            var end = rest[length..].IndexOf((byte)0);
            if (end < 0)
                return rest.Length;
            length += end + 1;
        }

        return length;
    }
}
