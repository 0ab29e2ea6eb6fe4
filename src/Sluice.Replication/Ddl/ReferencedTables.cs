namespace Sluice.Replication.Ddl;

/// <summary>
/// Finds the other tables a DDL's body names: the parent of a foreign key (<c>REFERENCES t</c>, in column and
/// table constraints, https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html), the table of
/// <c>EXCHANGE PARTITION p WITH TABLE t</c>, and the tables a SELECT reads after FROM and JOIN (CREATE TABLE …
/// SELECT, CREATE VIEW … AS SELECT).
/// </summary>
/// <remarks>
/// FROM counts only at a parenthesis level where SELECT appeared, so <c>EXTRACT(YEAR FROM d)</c> or
/// <c>TRIM(x FROM y)</c> in a generated column or a CHECK is not a table. Not recognised: a CTE's name used as a
/// table (it is routed like one) and parenthesised join lists without a SELECT of their own.
/// </remarks>
internal static class ReferencedTables
{
    /// <summary>Words that end a table reference rather than being its alias.</summary>
    private static readonly HashSet<string> NotAlias = new(StringComparer.OrdinalIgnoreCase)
    {
        "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "NATURAL",
        "STRAIGHT_JOIN", "FULL", "OUTER", "ON", "USING", "UNION", "EXCEPT", "INTERSECT", "FOR", "LOCK", "WINDOW",
        "INTO", "PARTITION", "USE", "IGNORE", "FORCE", "RETURNING", "WITH", "AS",
    };

    /// <summary>The names in tokens [from, to), in statement order.</summary>
    public static List<NameRef> Find(DdlReader reader, int from, int to)
    {
        var found = new List<NameRef>();
        var selectAtDepth = new List<bool> { false };
        reader.Position = from;
        while (reader.Position < to)
        {
            var i = reader.Position;
            if (reader.IsPunctuation(i, '('))
            {
                selectAtDepth.Add(false);
            }
            else if (reader.IsPunctuation(i, ')'))
            {
                if (selectAtDepth.Count > 1)
                {
                    selectAtDepth.RemoveAt(selectAtDepth.Count - 1);
                }
            }
            else if (reader.IsKeyword(i, "SELECT"))
            {
                selectAtDepth[^1] = true;
            }
            else if (reader.IsKeyword(i, "REFERENCES") || (reader.IsKeyword(i, "WITH") && reader.IsKeyword(i + 1, "TABLE")))
            {
                reader.Position = reader.IsKeyword(i, "WITH") ? i + 2 : i + 1;
                found.Add(reader.ReadTableName());
                continue;
            }
            else if (selectAtDepth[^1] && reader.IsAnyKeyword(i, "FROM", "JOIN", "STRAIGHT_JOIN"))
            {
                var list = reader.IsKeyword(i, "FROM");
                reader.Position = i + 1;
                ReadTableReferences(reader, to, list, found);
                continue;
            }

            reader.Position = i + 1;
        }

        return found;
    }

    private static void ReadTableReferences(DdlReader reader, int to, bool list, List<NameRef> found)
    {
        while (reader.Position < to && reader.Current.IsIdentifier && !reader.IsAnyKeyword(reader.Position, "DUAL", "LATERAL", "SELECT", "JSON_TABLE"))
        {
            found.Add(reader.ReadTableName());
            if (reader.TryKeywords("AS") || (reader.Position < to && reader.Current.IsIdentifier && !IsNotAlias(reader)))
            {
                reader.ReadIdentifier("an alias");
            }

            if (!list || !reader.IsPunctuation(','))
            {
                return;
            }

            reader.Position++;
        }
    }

    private static bool IsNotAlias(DdlReader reader) =>
        reader.Current.Kind == SqlTokenKind.Word && NotAlias.Contains(reader.Sql[reader.Current.Start..reader.Current.End]);
}
