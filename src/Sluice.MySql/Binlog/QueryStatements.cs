namespace Sluice.MySql.Binlog;

/// <summary>What a QUERY event's statement is, as far as decoding cares.</summary>
public static class QueryStatements
{
    /// <summary>
    /// True for a statement that may change a table definition (DDL, or anything that is not a transaction
    /// marker): table maps and column facts learned before it may be stale after it.
    /// </summary>
    public static bool IsSchemaChange(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var statement = query.AsSpan().TrimStart();
        return !(statement.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase)
                 || statement.StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase)
                 || statement.StartsWith("ROLLBACK", StringComparison.OrdinalIgnoreCase)
                 || statement.StartsWith("SAVEPOINT", StringComparison.OrdinalIgnoreCase)
                 || statement.StartsWith("XA ", StringComparison.OrdinalIgnoreCase));
    }
}
