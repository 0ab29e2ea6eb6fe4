namespace Sluice.Replication.Ddl;

/// <summary>DROP …: the word after DROP (and TEMPORARY) decides.</summary>
internal static class DropStatements
{
    public static IReadOnlyList<DdlStatement> Parse(DdlReader reader)
    {
        reader.Position = 1;
        var temporary = reader.TryKeywords("TEMPORARY");
        if (reader.TryKeywords("TABLE") || reader.TryKeywords("TABLES"))
        {
            return TableStatements.Drop(reader, temporary ? DdlKind.TemporaryTable : DdlKind.DropTable);
        }

        if (temporary)
        {
            throw new DdlSyntaxException($"expected TABLE after DROP TEMPORARY but found {reader.Describe(reader.Position)}");
        }

        if (reader.TryKeywords("DATABASE") || reader.TryKeywords("SCHEMA"))
        {
            return [DatabaseStatements.Drop(reader)];
        }

        if (reader.TryKeywords("INDEX"))
        {
            return [IndexStatements.Drop(reader)];
        }

        if (reader.TryKeywords("VIEW"))
        {
            return TableStatements.Drop(reader, DdlKind.DropView);
        }

        if (reader.IsAnyKeyword(1, "USER", "ROLE", "PREPARE"))
        {
            return [DdlParser.Whole(DdlKind.NotDdl, reader)];
        }

        if (reader.IsAnyKeyword(1, "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT", "SERVER", "TABLESPACE", "LOGFILE", "SEQUENCE", "PACKAGE", "SPATIAL", "RESOURCE", "UNDO"))
        {
            return [DdlParser.Whole(DdlKind.OtherDdl, reader)];
        }

        throw new DdlSyntaxException($"DROP of {reader.Describe(1)} is not a statement this parser knows");
    }
}
