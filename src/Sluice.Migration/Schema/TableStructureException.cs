namespace Sluice.Migration.Schema;

/// <summary>Why an operation on a tracked table structure was refused.</summary>
public enum TableStructureError
{
    /// <summary>The tracker has no such table, or the source or target has none to take.</summary>
    NotFound,

    /// <summary>The statement given is not one CREATE TABLE.</summary>
    InvalidStatement,

    /// <summary>The target's server refused the CREATE TABLE.</summary>
    Refused,
}

/// <summary>An operation on a tracked table structure that cannot be done; the message says why.</summary>
public sealed class TableStructureException(string message, TableStructureError error, Exception? inner = null) : Exception(message, inner)
{
    public TableStructureError Error { get; } = error;
}
