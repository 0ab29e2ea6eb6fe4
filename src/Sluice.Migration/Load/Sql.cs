using Sluice.Replication.Filtering;

namespace Sluice.Migration.Load;

/// <summary>Identifier quoting for the statements the loader builds.</summary>
internal static class Sql
{
    /// <summary>A backtick-quoted identifier, backticks inside doubled.</summary>
    /// <remarks>https://mariadb.com/kb/en/identifier-names/</remarks>
    public static string Quote(string identifier) => "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`";

    public static string Quote(TableName table) => Quote(table.Schema) + "." + Quote(table.Table);
}
