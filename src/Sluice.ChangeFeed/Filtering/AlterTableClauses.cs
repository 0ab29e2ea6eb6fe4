namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// Which TiCDC event an ALTER TABLE statement is, from its clauses: one clause gives that clause's event
/// (<c>ADD COLUMN</c> → add column, <c>ADD UNIQUE</c> → create index, <c>COMMENT=</c> → modify table comment, …);
/// several give "multi schema change", as TiDB records such a statement. ALGORITHM, LOCK and VALIDATION clauses only
/// say how to run it and are not counted.
/// </summary>
/// <remarks>
/// https://docs.pingcap.com/tidb/stable/ticdc-filter#event-filter-rules, with TiDB's mapping of ALTER TABLE clauses
/// to DDL job types (https://github.com/pingcap/tidb/blob/master/pkg/meta/model/job.go) and MySQL's and MariaDB's
/// grammar (https://dev.mysql.com/doc/refman/8.0/en/alter-table.html, https://mariadb.com/kb/en/alter-table/).
/// </remarks>
internal static class AlterTableClauses
{
    /// <summary>The event of the statement; null when its clauses are none TiCDC names (ENGINE=, ADD FOREIGN KEY, …).</summary>
    public static FilterEventType? Classify(string sql)
    {
        var words = DdlWords.Tokenize(sql);
        var i = 0;
        if (!Skip(words, ref i, "ALTER"))
            return null;
        while (Skip(words, ref i, "ONLINE") || Skip(words, ref i, "OFFLINE") || Skip(words, ref i, "IGNORE"))
        {
        }

        if (!Skip(words, ref i, "TABLE"))
            return null;
        if (At(words, i).Is("IF") && At(words, i + 1).Is("EXISTS"))
            i += 2;
        i++; // the table name
        if (At(words, i).IsPunctuation('.'))
            i += 2;

        // MariaDB's lock wait: ALTER TABLE t WAIT n … / NOWAIT ….
        if (Skip(words, ref i, "WAIT"))
            i++;
        else
            Skip(words, ref i, "NOWAIT");

        FilterEventType? single = null;
        var counted = 0;
        foreach (var clause in Split(words, i))
        {
            if (IsHowToRun(clause))
                continue;
            counted++;
            single = ClassifyClause(clause);
        }

        return counted > 1 ? FilterEventType.MultiSchemaChange : single;
    }

    /// <summary>The clauses: runs of words between commas outside parentheses.</summary>
    private static IEnumerable<ArraySegment<DdlWord>> Split(List<DdlWord> words, int start)
    {
        var array = words.ToArray();
        var depth = 0;
        var begin = start;
        for (var i = start; i < array.Length; i++)
        {
            if (array[i].IsPunctuation('('))
                depth++;
            else if (array[i].IsPunctuation(')'))
                depth--;
            else if (depth == 0 && array[i].IsPunctuation(','))
            {
                if (i > begin)
                    yield return new ArraySegment<DdlWord>(array, begin, i - begin);
                begin = i + 1;
            }
        }

        if (array.Length > begin)
            yield return new ArraySegment<DdlWord>(array, begin, array.Length - begin);
    }

    private static bool IsHowToRun(ArraySegment<DdlWord> clause) =>
        clause[0].Is("ALGORITHM") || clause[0].Is("LOCK") || (clause.Count > 1 && (clause[0].Is("WITH") || clause[0].Is("WITHOUT")) && clause[1].Is("VALIDATION"));

    private static FilterEventType? ClassifyClause(ArraySegment<DdlWord> clause)
    {
        var first = clause[0];
        var second = At(clause, 1);
        if (first.Is("ADD"))
            return ClassifyAdd(clause);
        if (first.Is("DROP"))
            return ClassifyDrop(second);
        if (first.Is("MODIFY") || first.Is("CHANGE"))
            return FilterEventType.ModifyColumn;
        if (first.Is("ALTER"))
            return ClassifyAlter(clause);
        if (first.Is("RENAME"))
        {
            return second.Is("COLUMN") ? FilterEventType.ModifyColumn
                : second.Is("INDEX") || second.Is("KEY") ? FilterEventType.RenameIndex
                : FilterEventType.RenameTable;
        }

        if (first.Is("TRUNCATE") && second.Is("PARTITION"))
            return FilterEventType.TruncateTablePartition;
        if (first.Is("EXCHANGE") && second.Is("PARTITION"))
            return FilterEventType.ExchangeTablePartition;
        if (first.Is("REORGANIZE") && second.Is("PARTITION"))
            return FilterEventType.ReorganizeTablePartition;
        if (first.Is("PARTITION") && second.Is("BY"))
            return FilterEventType.AlterTablePartitioning;
        if (first.Is("REMOVE") && second.Is("PARTITIONING"))
            return FilterEventType.RemoveTablePartitioning;
        if (first.Is("REMOVE") && second.Is("TTL"))
            return FilterEventType.AlterTtlRemove;
        if (first.Is("CONVERT"))
            return FilterEventType.ModifyTableCharsetAndCollate;
        return ClassifyTableOptions(clause);
    }

    private static FilterEventType? ClassifyAdd(ArraySegment<DdlWord> clause)
    {
        var i = 1;
        if (At(clause, i).Is("CONSTRAINT"))
        {
            i++;
            if (!IsConstraintKind(At(clause, i)))
                i++; // the constraint's name
        }

        var what = At(clause, i);
        if (what.Is("PRIMARY"))
            return FilterEventType.AddPrimaryKey;
        if (what.Is("UNIQUE") || what.Is("INDEX") || what.Is("KEY") || what.Is("FULLTEXT") || what.Is("SPATIAL") || what.Is("VECTOR"))
            return FilterEventType.CreateIndex;
        if (what.Is("FOREIGN") || what.Is("CHECK") || what.Is("PERIOD") || what.Is("SYSTEM"))
            return null;
        if (what.Is("PARTITION"))
            return FilterEventType.AddTablePartition;
        return FilterEventType.AddColumn;
    }

    private static bool IsConstraintKind(DdlWord word) =>
        word.Is("PRIMARY") || word.Is("UNIQUE") || word.Is("FOREIGN") || word.Is("CHECK") || word.Is("INDEX") || word.Is("KEY");

    private static FilterEventType? ClassifyDrop(DdlWord what)
    {
        if (what.Is("PRIMARY"))
            return FilterEventType.DropPrimaryKey;
        if (what.Is("INDEX") || what.Is("KEY"))
            return FilterEventType.DropIndex;
        if (what.Is("PARTITION"))
            return FilterEventType.DropTablePartition;
        if (what.Is("FOREIGN") || what.Is("CHECK") || what.Is("CONSTRAINT") || what.Is("SYSTEM") || what.Is("PERIOD"))
            return null;
        return FilterEventType.DropColumn;
    }

    private static FilterEventType? ClassifyAlter(ArraySegment<DdlWord> clause)
    {
        var what = At(clause, 1);
        if (what.Is("INDEX") || what.Is("KEY"))
            return FilterEventType.AlterIndexVisibility;
        if (what.Is("CHECK") || what.Is("CONSTRAINT"))
            return null;
        foreach (var word in clause)
        {
            if (word.Is("DEFAULT"))
                return FilterEventType.SetDefaultValue;
        }

        return FilterEventType.ModifyColumn;
    }

    /// <summary>Table options (<c>COMMENT='…' AUTO_INCREMENT=5</c>, space- or comma-separated): the first one TiCDC names.</summary>
    private static FilterEventType? ClassifyTableOptions(ArraySegment<DdlWord> clause)
    {
        foreach (var word in clause)
        {
            if (word.Is("AUTO_INCREMENT"))
                return FilterEventType.RebaseAutoId;
            if (word.Is("COMMENT"))
                return FilterEventType.ModifyTableComment;
            if (word.Is("CHARSET") || word.Is("CHARACTER") || word.Is("COLLATE"))
                return FilterEventType.ModifyTableCharsetAndCollate;
            if (word.Is("TTL"))
                return FilterEventType.AlterTtlInfo;
        }

        return null;
    }

    private static bool Skip(List<DdlWord> words, ref int i, string keyword)
    {
        if (!At(words, i).Is(keyword))
            return false;
        i++;
        return true;
    }

    private static DdlWord At(IReadOnlyList<DdlWord> words, int i) => i < words.Count ? words[i] : default;
}
