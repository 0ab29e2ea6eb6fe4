namespace Sluice.Replication.Ddl;

/// <summary>
/// CREATE …: the object word decides, after modifiers such as OR REPLACE, TEMPORARY, UNIQUE, ALGORITHM = …,
/// DEFINER = … and SQL SECURITY … (https://dev.mysql.com/doc/refman/8.0/en/sql-data-definition-statements.html).
/// </summary>
internal static class CreateStatements
{
    private static readonly HashSet<string> Objects = new(StringComparer.OrdinalIgnoreCase)
    {
        "TABLE", "DATABASE", "SCHEMA", "INDEX", "VIEW", "USER", "ROLE", "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT",
        "SERVER", "TABLESPACE", "LOGFILE", "SEQUENCE", "PACKAGE", "REFERENCE", "RESOURCE", "UNDO",
    };

    public static IReadOnlyList<DdlStatement> Parse(DdlReader reader)
    {
        var index = DdlParser.FindKeyword(reader, 1, Objects);
        if (index < 0)
        {
            throw new DdlSyntaxException("CREATE of an object this parser does not know");
        }

        var temporary = false;
        for (var i = 1; i < index; i++)
        {
            temporary |= reader.IsKeyword(i, "TEMPORARY");
        }

        reader.Position = index + 1;
        var word = reader.Sql[reader.Tokens[index].Start..reader.Tokens[index].End].ToUpperInvariant();
        return word switch
        {
            "TABLE" => [TableStatements.Create(reader, temporary)],
            "DATABASE" or "SCHEMA" => [DatabaseStatements.Create(reader)],
            "INDEX" => [IndexStatements.Create(reader)],
            "VIEW" => [ViewStatements.Define(reader, DdlKind.CreateView)],
            "USER" or "ROLE" => [DdlParser.Whole(DdlKind.NotDdl, reader)],
            _ => [DdlParser.Whole(DdlKind.OtherDdl, reader)],
        };
    }
}
