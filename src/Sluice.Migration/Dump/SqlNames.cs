using Sluice.Replication.Filtering;

namespace Sluice.Migration.Dump;

/// <summary>Identifier quoting: backticks, with a backtick inside doubled.</summary>
internal static class SqlNames
{
    public static string Quote(string identifier) => "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`";

    public static string Quote(TableName table) => $"{Quote(table.Schema)}.{Quote(table.Table)}";

    /// <summary>
    /// True for a charset or collation name as information_schema gives it; these are written into SQL as
    /// keywords (CONVERT ... USING, COLLATE), so nothing else may pass.
    /// </summary>
    public static bool IsPlainName(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');
}
