namespace Sluice.Replication.Ddl;

/// <summary>
/// CREATE / ALTER VIEW v [(columns)] AS SELECT …: https://dev.mysql.com/doc/refman/8.0/en/create-view.html.
/// The view and the tables after FROM and JOIN are routed. Column references qualified by a table name
/// (<c>select `t_1`.`a` … from `t_1`</c>, as the server writes a view to the binlog) are left alone, so a view over
/// a table whose routing renames it does not survive the rewrite; DM does not replicate views either.
/// </summary>
internal static class ViewStatements
{
    public static DdlStatement Define(DdlReader reader, DdlKind kind)
    {
        reader.TryKeywords("IF", "NOT", "EXISTS");
        var view = reader.ReadTableName("a view name");
        var names = new List<NameRef> { view };
        names.AddRange(ReferencedTables.Find(reader, reader.Position, reader.Tokens.Count));
        return new DdlStatementBuilder(reader.Sql).SourceWithTables(0, reader.Sql.Length, names).Build(kind);
    }
}
