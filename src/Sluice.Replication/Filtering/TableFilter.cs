namespace Sluice.Replication.Filtering;

/// <summary>
/// Decides which schemas and tables a task migrates, from its block-allow list, in DM's order of evaluation.
/// Immutable and safe to share between threads; matching allocates nothing.
/// </summary>
/// <remarks>
/// https://docs.pingcap.com/tidb/stable/dm-block-allow-table-lists ("Filtering process"), which follows
/// MySQL's replication rules for ROW events (https://dev.mysql.com/doc/refman/8.0/en/replication-rules-db-options.html,
/// https://dev.mysql.com/doc/refman/8.0/en/replication-rules-table-options.html):
/// <list type="number">
/// <item>Schema level: with do-dbs, only a schema matching one of them goes on (ignore-dbs is then not read);
/// with only ignore-dbs, a schema matching one of them is filtered out.</item>
/// <item>Table level: with do-tables, only a table matching one of them is migrated (ignore-tables is then not
/// read); with only ignore-tables, a table matching one of them is filtered out.</item>
/// </list>
/// A schema on its own (CREATE DATABASE, DROP DATABASE) is decided at the schema level only, so do-tables never
/// filters a schema out. System schemas are never migrated, whatever the list says.
/// </remarks>
public sealed class TableFilter
{
    /// <summary>
    /// Schemas DM never migrates: MySQL's own, TiDB's virtual ones and DM's upstream heartbeat schema, as DM's
    /// <c>filter.IsSystemSchema</c> lists them (compared without case, as DM does).
    /// </summary>
    private static readonly string[] SystemSchemas =
    [
        "mysql",
        "information_schema",
        "performance_schema",
        "sys",
        "metrics_schema",
        "inspection_schema",
        "dm_heartbeat",
    ];

    private readonly NamePattern[] _doDbs;
    private readonly NamePattern[] _ignoreDbs;
    private readonly (NamePattern Db, NamePattern Table)[] _doTables;
    private readonly (NamePattern Db, NamePattern Table)[] _ignoreTables;

    /// <param name="list">The block-allow list; null migrates every schema but the system ones.</param>
    /// <param name="caseSensitive">The task's case-sensitive setting (DM's default is false).</param>
    /// <exception cref="ArgumentException">An entry is empty or its pattern does not compile.</exception>
    public TableFilter(BlockAllowList? list, bool caseSensitive)
    {
        CaseSensitive = caseSensitive;
        _doDbs = CompileDbs(list?.DoDbs, "do-dbs", caseSensitive);
        _ignoreDbs = CompileDbs(list?.IgnoreDbs, "ignore-dbs", caseSensitive);
        _doTables = CompileTables(list?.DoTables, "do-tables", caseSensitive);
        _ignoreTables = CompileTables(list?.IgnoreTables, "ignore-tables", caseSensitive);
    }

    public bool CaseSensitive { get; }

    /// <summary>Whether <paramref name="schema"/> is one DM never migrates (mysql, sys, ...).</summary>
    public static bool IsSystemSchema(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        foreach (var system in SystemSchemas)
        {
            if (string.Equals(schema, system, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether statements on the schema itself (CREATE/DROP DATABASE) are migrated: the schema level only.</summary>
    public bool AllowsSchema(string schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(schema);
        return !IsSystemSchema(schema) && PassesSchemaLevel(schema);
    }

    /// <summary>Whether the table is migrated: the schema level, then the table level.</summary>
    public bool Allows(TableName table)
    {
        ArgumentException.ThrowIfNullOrEmpty(table.Schema, nameof(table));
        ArgumentException.ThrowIfNullOrEmpty(table.Table, nameof(table));
        return !IsSystemSchema(table.Schema) && PassesSchemaLevel(table.Schema) && PassesTableLevel(table);
    }

    private static bool AnyMatches(NamePattern[] patterns, string name)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.IsMatch(name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyMatches((NamePattern Db, NamePattern Table)[] patterns, TableName table)
    {
        foreach (var (db, tbl) in patterns)
        {
            if (db.IsMatch(table.Schema) && tbl.IsMatch(table.Table))
            {
                return true;
            }
        }

        return false;
    }

    private static NamePattern[] CompileDbs(IReadOnlyList<string>? names, string key, bool caseSensitive)
    {
        if (names is null || names.Count == 0)
        {
            return [];
        }

        var patterns = new NamePattern[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            patterns[i] = Compile(names[i], $"{key}[{i}]", caseSensitive);
        }

        return patterns;
    }

    private static (NamePattern, NamePattern)[] CompileTables(IReadOnlyList<TablePattern>? entries, string key, bool caseSensitive)
    {
        if (entries is null || entries.Count == 0)
        {
            return [];
        }

        var patterns = new (NamePattern, NamePattern)[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException($"Block-allow list {key}[{i}] is null.");
            patterns[i] = (
                Compile(entry.DbName, $"{key}[{i}].db-name", caseSensitive),
                Compile(entry.TblName, $"{key}[{i}].tbl-name", caseSensitive));
        }

        return patterns;
    }

    private static NamePattern Compile(string? pattern, string where, bool caseSensitive)
    {
        // DM refuses empty entries too ("DoDB rule's DB string cannot be empty").
        if (string.IsNullOrEmpty(pattern))
        {
            throw new ArgumentException($"Block-allow list {where} is empty.");
        }

        try
        {
            return NamePattern.Parse(pattern, caseSensitive);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Block-allow list {where}: {e.Message}", e);
        }
    }

    private bool PassesSchemaLevel(string schema)
    {
        if (_doDbs.Length > 0)
        {
            return AnyMatches(_doDbs, schema);
        }

        return _ignoreDbs.Length == 0 || !AnyMatches(_ignoreDbs, schema);
    }

    private bool PassesTableLevel(TableName table)
    {
        if (_doTables.Length > 0)
        {
            return AnyMatches(_doTables, table);
        }

        return _ignoreTables.Length == 0 || !AnyMatches(_ignoreTables, table);
    }
}
