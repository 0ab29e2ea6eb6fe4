namespace Sluice.Replication.Apply;

/// <summary>A primary or unique key of a table: its name and its columns in key order.</summary>
public sealed record UniqueKey(string Name, IReadOnlyList<string> Columns)
{
    /// <summary>The name MySQL gives the primary key.</summary>
    public const string PrimaryName = "PRIMARY";

    public bool IsPrimary => string.Equals(Name, PrimaryName, StringComparison.OrdinalIgnoreCase);
}
