using Sluice.ChangeFeed.Model;
using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// What an event filter sees in a DDL: the one event it is (null when TiCDC names none for it) and whether
/// "alter table" covers it.
/// </summary>
internal readonly record struct DdlEventClass(FilterEventType? Type, bool IsAlterTable)
{
    /// <summary>
    /// Classifies a DDL from its <see cref="DdlKind"/>, reading the statement where the kind alone does not say
    /// (the clauses of ALTER TABLE, the index of DROP INDEX, what ALTER DATABASE changes).
    /// </summary>
    /// <remarks>
    /// "alter table" covers what TiCDC's <c>alterTableSubType</c> lists: every ALTER TABLE clause kind, CREATE and
    /// DROP INDEX, and RENAME TABLE (https://docs.pingcap.com/tidb/stable/ticdc-filter#event-filter-rules).
    /// </remarks>
    public static DdlEventClass Of(DdlEvent ddl) => ddl.Kind switch
    {
        DdlKind.CreateDatabase => new(FilterEventType.CreateDatabase, false),
        DdlKind.DropDatabase => new(FilterEventType.DropDatabase, false),
        DdlKind.AlterDatabase => new(ChangesCharset(ddl.Query) ? FilterEventType.ModifySchemaCharsetAndCollate : null, false),
        DdlKind.CreateTable => new(FilterEventType.CreateTable, false),
        DdlKind.DropTable => new(FilterEventType.DropTable, false),
        DdlKind.TruncateTable => new(FilterEventType.TruncateTable, false),
        DdlKind.RenameTable => new(FilterEventType.RenameTable, true),
        DdlKind.AlterTable => new(AlterTableClauses.Classify(ddl.Query), true),
        DdlKind.CreateIndex => new(FilterEventType.CreateIndex, true),
        DdlKind.DropIndex => new(DropsPrimaryKey(ddl.Query) ? FilterEventType.DropPrimaryKey : FilterEventType.DropIndex, true),
        DdlKind.CreateView => new(FilterEventType.CreateView, false),
        DdlKind.DropView => new(FilterEventType.DropView, false),
        _ => new(null, false),
    };

    private static bool ChangesCharset(string sql)
    {
        foreach (var word in DdlWords.Tokenize(sql))
        {
            if (word.Is("CHARSET") || word.Is("CHARACTER") || word.Is("COLLATE"))
                return true;
        }

        return false;
    }

    /// <summary><c>DROP INDEX `PRIMARY` ON t</c>, which MySQL reads as dropping the primary key.</summary>
    private static bool DropsPrimaryKey(string sql)
    {
        var words = DdlWords.Tokenize(sql);
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i].Is("INDEX"))
                return words[i + 1].IsName && string.Equals(words[i + 1].Text, "PRIMARY", StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }
}
