namespace Sluice.Replication.Ddl;

/// <summary>
/// ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] t spec [, spec] …
/// (https://dev.mysql.com/doc/refman/8.0/en/alter-table.html, https://mariadb.com/kb/en/alter-table/).
/// </summary>
/// <remarks>
/// A <c>RENAME [TO | AS] u</c> spec makes it a rename, as DM classifies it. Alone, the statement is a
/// <see cref="DdlKind.RenameTable"/>; next to other specs it is split, as DM splits ALTER TABLE, into the ALTER
/// without the rename (on the old name) and then <c>ALTER TABLE t RENAME TO u</c>, which leaves the same table as
/// MySQL's one-statement form. Tables named by foreign keys (<c>REFERENCES p</c>) and by EXCHANGE PARTITION …
/// WITH TABLE are routed too.
/// </remarks>
internal static class AlterTableStatement
{
    public static IReadOnlyList<DdlStatement> Parse(DdlReader reader)
    {
        reader.TryKeywords("IF", "EXISTS");
        var table = reader.ReadTableName();
        var specsStart = reader.Position;
        var rename = FindRename(reader, specsStart);
        var others = ReferencedTables.Find(reader, specsStart, reader.Tokens.Count);
        var sql = reader.Sql;
        if (rename is not { } r)
        {
            return [new DdlStatementBuilder(sql).SourceWithTables(0, sql.Length, [table, .. others]).Build(DdlKind.AlterTable)];
        }

        var tokens = reader.Tokens;
        var first = r.Start == specsStart;
        var last = r.End == tokens.Count;
        if (first && last)
        {
            return [new DdlStatementBuilder(sql).SourceWithTables(0, sql.Length, [table, r.NewName]).Build(DdlKind.RenameTable)];
        }

        // Cut the rename spec with the comma that joins it to its neighbour.
        int cutStart, cutEnd;
        if (first)
        {
            cutStart = tokens[r.Start].Start;
            cutEnd = reader.IsPunctuation(r.End, ',') ? tokens[r.End].End : tokens[r.End].Start;
            while (cutEnd < sql.Length && char.IsWhiteSpace(sql[cutEnd]))
            {
                cutEnd++;
            }
        }
        else
        {
            cutStart = tokens[r.Start - 1].Start;
            cutEnd = r.NewName.End;
        }

        if (tokens[r.Start].Comment != 0 || r.NewName.Comment != 0)
        {
            throw new DdlSyntaxException("ALTER TABLE renames the table inside an executable comment next to other changes");
        }

        var alter = new DdlStatementBuilder(sql)
            .SourceWithTables(0, cutStart, [table, .. others.Where(n => n.Start < cutStart)])
            .SourceWithTables(cutEnd, sql.Length, others.Where(n => n.Start >= cutEnd))
            .Build(DdlKind.AlterTable);
        var renameTo = new DdlStatementBuilder(sql)
            .Source(0, table.Start)
            .Table(table)
            .Literal(" ")
            .SourceWithTables(tokens[r.Start].Start, r.NewName.End, [r.NewName])
            .Build(DdlKind.RenameTable);
        return [alter, renameTo];
    }

    /// <summary>The RENAME [TO | AS] spec, as token indexes [Start, End), if the statement has one.</summary>
    private static (int Start, int End, NameRef NewName)? FindRename(DdlReader reader, int specsStart)
    {
        (int, int, NameRef)? found = null;
        var depth = 0;
        var i = specsStart;
        while (i < reader.Tokens.Count)
        {
            var specStart = depth == 0 && (i == specsStart || reader.IsPunctuation(i - 1, ','));
            if (specStart && reader.IsKeyword(i, "RENAME") && !reader.IsAnyKeyword(i + 1, "COLUMN", "INDEX", "KEY"))
            {
                if (found is not null)
                {
                    throw new DdlSyntaxException("ALTER TABLE renames the table twice");
                }

                reader.Position = i + 1;
                if (!reader.TryKeywords("TO"))
                {
                    reader.TryKeywords("AS");
                }

                var name = reader.ReadTableName("a new table name");
                found = (i, reader.Position, name);
                i = reader.Position;
                continue;
            }

            depth += reader.IsPunctuation(i, '(') ? 1 : reader.IsPunctuation(i, ')') ? -1 : 0;
            i++;
        }

        return found;
    }
}
