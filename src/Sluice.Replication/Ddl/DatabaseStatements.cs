namespace Sluice.Replication.Ddl;

/// <summary>
/// CREATE / DROP / ALTER {DATABASE | SCHEMA}: https://dev.mysql.com/doc/refman/8.0/en/create-database.html,
/// https://dev.mysql.com/doc/refman/8.0/en/alter-database.html, https://mariadb.com/kb/en/alter-database/.
/// </summary>
internal static class DatabaseStatements
{
    /// <summary>Reserved words that start a database option, so never a database name.</summary>
    private static readonly string[] ReservedOptions = ["CHARACTER", "DEFAULT", "COLLATE", "READ"];

    /// <summary>Words that start a database option but may also be a bare database name.</summary>
    private static readonly string[] UnreservedOptions = ["CHARSET", "COMMENT", "ENCRYPTION"];

    public static DdlStatement Create(DdlReader reader)
    {
        reader.TryKeywords("IF", "NOT", "EXISTS");
        return Named(reader, DdlKind.CreateDatabase);
    }

    public static DdlStatement Drop(DdlReader reader)
    {
        reader.TryKeywords("IF", "EXISTS");
        return Named(reader, DdlKind.DropDatabase);
    }

    /// <summary>The name is optional in ALTER DATABASE: without one it alters the current database, and the
    /// rewrite names the routed one, since the target session's current database is not the source's.</summary>
    public static DdlStatement Alter(DdlReader reader, int objectIndex)
    {
        if (HasName(reader))
        {
            return Named(reader, DdlKind.AlterDatabase);
        }

        var schema = string.IsNullOrEmpty(reader.CurrentSchema)
            ? throw new DdlSyntaxException("ALTER DATABASE names no database and there is no current schema")
            : reader.CurrentSchema;
        var end = reader.Tokens[objectIndex].End;
        return new DdlStatementBuilder(reader.Sql).Source(0, end).ImpliedSchema(schema).Source(end, reader.Sql.Length).Build(DdlKind.AlterDatabase);
    }

    private static bool HasName(DdlReader reader)
    {
        var at = reader.Position;
        if (reader.AtEnd || reader.Current.Kind == SqlTokenKind.QuotedIdentifier)
        {
            return !reader.AtEnd;
        }

        if (reader.IsAnyKeyword(at, ReservedOptions))
        {
            return false;
        }

        // "ALTER DATABASE comment COMMENT 'x'" names a database called comment; "ALTER DATABASE COMMENT 'x'" does not.
        return !reader.IsAnyKeyword(at, UnreservedOptions)
            || reader.IsAnyKeyword(at + 1, ReservedOptions) || reader.IsAnyKeyword(at + 1, UnreservedOptions);
    }

    private static DdlStatement Named(DdlReader reader, DdlKind kind)
    {
        var (name, token) = reader.ReadIdentifier("a database name");
        return new DdlStatementBuilder(reader.Sql)
            .Source(0, token.Start)
            .Schema(name, token.Start, token.End)
            .Source(token.End, reader.Sql.Length)
            .Build(kind);
    }
}
