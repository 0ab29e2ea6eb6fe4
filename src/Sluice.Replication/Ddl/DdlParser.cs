namespace Sluice.Replication.Ddl;

/// <summary>
/// Reads the statement of a binlog QUERY event: what kind it is, which tables and database it touches, and how to
/// write it for the target with routed names. Statements DM splits come back as several parts.
/// </summary>
/// <remarks>
/// This is not a full SQL parser: it follows the grammar of each DDL up to its names (MySQL 8.0 and MariaDB
/// 10.11 reference manuals, statement by statement) and keeps everything else as text, so column definitions,
/// options and comments reach the target byte for byte. The target server stays the judge of the rest.
/// Splitting follows DM, which applies <c>DROP TABLE a, b</c> and <c>RENAME TABLE a TO b, c TO d</c> one table or
/// pair at a time (https://docs.pingcap.com/tidb/stable/dm-table-routing routes each part on its own) and takes
/// <c>ALTER TABLE … RENAME</c> for a rename.
/// </remarks>
public static class DdlParser
{
    private static readonly HashSet<string> NotDdl = new(StringComparer.OrdinalIgnoreCase)
    {
        // Transactions: https://dev.mysql.com/doc/refman/8.0/en/sql-transactional-statements.html
        "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "XA", "START",
        // Accounts and administration.
        "GRANT", "REVOKE", "SET", "FLUSH", "ANALYZE", "OPTIMIZE", "REPAIR", "CHECK", "CHECKSUM", "INSTALL",
        "UNINSTALL", "RESET", "PURGE", "KILL", "SHOW", "DESC", "DESCRIBE", "EXPLAIN", "CACHE", "SHUTDOWN", "RESTART",
        "CHANGE", "BINLOG", "HELP", "USE", "LOCK", "UNLOCK", "HANDLER", "PREPARE", "EXECUTE", "DEALLOCATE", "SIGNAL",
        "RESIGNAL", "GET", "CLONE",
        // Statement-format DML.
        "INSERT", "UPDATE", "DELETE", "REPLACE", "LOAD", "CALL", "DO", "SELECT", "WITH", "VALUES", "TABLE",
    };

    /// <summary>Parses one statement.</summary>
    /// <param name="sql">The statement, as a QUERY event carries it.</param>
    /// <param name="currentSchema">The session's current schema (the QUERY event's database), for unqualified names.</param>
    /// <param name="ansiQuotes">The source session ran with ANSI_QUOTES: <c>"</c> quotes identifiers.</param>
    /// <param name="noBackslashEscapes">The source session ran with NO_BACKSLASH_ESCAPES.</param>
    /// <returns>At least one statement; several when DM splits it. Whatever cannot be parsed is one
    /// <see cref="DdlKind.Unknown"/> statement with the reason; this method throws only for a null <paramref name="sql"/>.</returns>
    public static IReadOnlyList<DdlStatement> Parse(string sql, string? currentSchema, bool ansiQuotes = false, bool noBackslashEscapes = false)
    {
        ArgumentNullException.ThrowIfNull(sql);
        try
        {
            var tokens = SqlLexer.Tokenize(sql, ansiQuotes, noBackslashEscapes);
            var count = tokens.Count;
            while (count > 0 && IsSemicolon(sql, tokens[count - 1]))
            {
                count--;
            }

            if (count == 0)
            {
                throw new DdlSyntaxException("there is no statement");
            }

            for (var i = 0; i < count; i++)
            {
                if (IsSemicolon(sql, tokens[i]))
                {
                    throw new DdlSyntaxException($"more than one statement (a ; at offset {tokens[i].Start})");
                }
            }

            return Dispatch(new DdlReader(sql, tokens.GetRange(0, count), currentSchema));
        }
        catch (DdlSyntaxException e)
        {
            return [DdlStatementBuilder.Whole(DdlKind.Unknown, sql, e.Message)];
        }
    }

    private static IReadOnlyList<DdlStatement> Dispatch(DdlReader reader)
    {
        var first = reader.Current;
        if (first.Kind != SqlTokenKind.Word)
        {
            throw new DdlSyntaxException($"a statement cannot start with {reader.Describe(0)}");
        }

        var word = reader.Sql[first.Start..first.End].ToUpperInvariant();
        return word switch
        {
            "CREATE" => CreateStatements.Parse(reader),
            "DROP" => DropStatements.Parse(reader),
            "ALTER" => AlterStatements.Parse(reader),
            "TRUNCATE" => TableStatements.Truncate(reader),
            "RENAME" when reader.IsAnyKeyword(1, "TABLE", "TABLES") => TableStatements.Rename(reader),
            "RENAME" when reader.IsKeyword(1, "USER") => [Whole(DdlKind.NotDdl, reader)],
            _ when NotDdl.Contains(word) => [Whole(DdlKind.NotDdl, reader)],
            _ => throw new DdlSyntaxException($"{reader.Describe(0)} does not start a statement this parser knows"),
        };
    }

    internal static DdlStatement Whole(DdlKind kind, DdlReader reader) => DdlStatementBuilder.Whole(kind, reader.Sql);

    /// <summary>The index of the first token from <paramref name="from"/> on that is one of the words, or -1.</summary>
    internal static int FindKeyword(DdlReader reader, int from, IReadOnlySet<string> words)
    {
        for (var i = from; i < reader.Tokens.Count; i++)
        {
            var token = reader.Tokens[i];
            if (token.Kind == SqlTokenKind.Word && words.Contains(reader.Sql[token.Start..token.End]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsSemicolon(string sql, SqlToken token) => token.Kind == SqlTokenKind.Punctuation && sql[token.Start] == ';';
}
