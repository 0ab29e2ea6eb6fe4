using Sluice.Replication.Filtering;

namespace Sluice.Cli.Configuration;

/// <summary>
/// One named rule under <c>block-allow-list</c> (or its old name <c>black-white-list</c>): DM's filter.Rules.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-block-allow-table-lists</remarks>
internal sealed record BlockAllowListConfig
{
    public IReadOnlyList<string> DoDbs { get; init; } = [];

    public IReadOnlyList<TablePattern> DoTables { get; init; } = [];

    public IReadOnlyList<string> IgnoreDbs { get; init; } = [];

    public IReadOnlyList<TablePattern> IgnoreTables { get; init; } = [];

    public static BlockAllowListConfig Read(YamlSection yaml)
    {
        var config = new BlockAllowListConfig
        {
            DoDbs = yaml.StringList("do-dbs") ?? [],
            DoTables = Tables(yaml, "do-tables"),
            IgnoreDbs = yaml.StringList("ignore-dbs") ?? [],
            IgnoreTables = Tables(yaml, "ignore-tables"),
        };
        yaml.Finish();
        return config;
    }

    public BlockAllowList ToBlockAllowList() => new()
    {
        DoDbs = DoDbs,
        DoTables = DoTables,
        IgnoreDbs = IgnoreDbs,
        IgnoreTables = IgnoreTables,
    };

    private static List<TablePattern> Tables(YamlSection yaml, string key)
    {
        var tables = new List<TablePattern>();
        foreach (var entry in yaml.SectionList(key) ?? [])
        {
            var db = entry.String("db-name");
            var table = entry.String("tbl-name");
            entry.Finish();
            if (string.IsNullOrEmpty(db))
            {
                throw entry.Error("db-name", "missing: each entry names a schema (db-name) and a table (tbl-name)");
            }

            if (string.IsNullOrEmpty(table))
            {
                throw entry.Error("tbl-name", "missing: each entry names a schema (db-name) and a table (tbl-name)");
            }

            tables.Add(new TablePattern(db, table));
        }

        return tables;
    }
}
