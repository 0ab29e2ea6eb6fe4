namespace Sluice.Replication.Ddl;

/// <summary>
/// CREATE [UNIQUE | FULLTEXT | SPATIAL] INDEX i [USING …] ON t (…) and DROP INDEX [IF EXISTS] i ON t:
/// https://dev.mysql.com/doc/refman/8.0/en/create-index.html, https://mariadb.com/kb/en/drop-index/.
/// </summary>
internal static class IndexStatements
{
    public static DdlStatement Create(DdlReader reader)
    {
        reader.TryKeywords("IF", "NOT", "EXISTS");
        reader.ReadIdentifier("an index name");
        while (!reader.AtEnd && !reader.IsKeyword("ON"))
        {
            reader.Position++;
        }

        reader.ExpectKeyword("ON");
        return OnTable(reader, DdlKind.CreateIndex);
    }

    public static DdlStatement Drop(DdlReader reader)
    {
        reader.TryKeywords("IF", "EXISTS");
        reader.ReadIdentifier("an index name");
        reader.ExpectKeyword("ON");
        return OnTable(reader, DdlKind.DropIndex);
    }

    private static DdlStatement OnTable(DdlReader reader, DdlKind kind)
    {
        var table = reader.ReadTableName();
        return new DdlStatementBuilder(reader.Sql).SourceWithTables(0, reader.Sql.Length, [table]).Build(kind);
    }
}
