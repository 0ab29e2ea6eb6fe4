namespace Sluice.Replication.Ddl;

/// <summary>ALTER …: the object word decides, after modifiers (ONLINE, IGNORE, ALGORITHM = …, DEFINER = …).</summary>
internal static class AlterStatements
{
    private static readonly HashSet<string> Objects = new(StringComparer.OrdinalIgnoreCase)
    {
        "TABLE", "DATABASE", "SCHEMA", "VIEW", "USER", "ROLE", "INSTANCE", "EVENT", "PROCEDURE", "FUNCTION", "SERVER",
        "TABLESPACE", "LOGFILE", "SEQUENCE", "RESOURCE", "UNDO",
    };

    public static IReadOnlyList<DdlStatement> Parse(DdlReader reader)
    {
        var index = DdlParser.FindKeyword(reader, 1, Objects);
        if (index < 0)
        {
            throw new DdlSyntaxException("ALTER of an object this parser does not know");
        }

        reader.Position = index + 1;
        var word = reader.Sql[reader.Tokens[index].Start..reader.Tokens[index].End].ToUpperInvariant();
        return word switch
        {
            "TABLE" => TableStatements.Alter(reader),
            "DATABASE" or "SCHEMA" => [DatabaseStatements.Alter(reader, index)],
            "VIEW" => [ViewStatements.Define(reader, DdlKind.OtherDdl)],
            "USER" or "ROLE" or "INSTANCE" => [DdlParser.Whole(DdlKind.NotDdl, reader)],
            _ => [DdlParser.Whole(DdlKind.OtherDdl, reader)],
        };
    }
}
