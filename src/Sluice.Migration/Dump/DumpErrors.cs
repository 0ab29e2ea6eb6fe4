using MySqlConnector;

namespace Sluice.Migration.Dump;

/// <summary>Turns server errors into <see cref="MigrationException"/>s that say what the dump was doing.</summary>
internal static class DumpErrors
{
    /// <summary>ER_NO_SUCH_TABLE.</summary>
    public const int NoSuchTable = 1146;

    /// <summary>
    /// Error numbers of a refused privilege: ER_DBACCESS_DENIED_ERROR (1044), ER_ACCESS_DENIED_ERROR (1045, what
    /// some managed servers answer to FTWRL), ER_TABLEACCESS_DENIED_ERROR (1142), ER_COLUMNACCESS_DENIED_ERROR
    /// (1143), ER_SPECIFIC_ACCESS_DENIED_ERROR (1227, e.g. RELOAD for FLUSH TABLES WITH READ LOCK).
    /// </summary>
    /// <remarks>https://mariadb.com/kb/en/mariadb-error-code-reference/</remarks>
    public static bool IsPrivilegeError(int errorNumber) => errorNumber is 1044 or 1045 or 1142 or 1143 or 1227;

    public static MigrationException From(MySqlException ex, string doing)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var hint = ex.Number switch
        {
            NoSuchTable or 1412 => " (the table was dropped or changed while the dump ran)",
            _ when IsPrivilegeError(ex.Number) => " (missing privilege)",
            _ => string.Empty,
        };
        return new MigrationException($"{doing}: {ex.Message}{hint} [MySQL error {ex.Number}]", ex.Number, ex);
    }
}
