using Sluice.Replication.Filtering;

namespace Sluice.Replication.Apply;

/// <summary>Backtick-quoted identifiers, a backtick inside doubled.</summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/identifiers.html</remarks>
public static class SqlIdentifier
{
    public static string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`";
    }

    public static string Quote(TableName table) => Quote(table.Schema) + "." + Quote(table.Table);
}
