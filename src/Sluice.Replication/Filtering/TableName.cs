namespace Sluice.Replication.Filtering;

/// <summary>A schema-qualified table name as the source or the target knows it.</summary>
public readonly record struct TableName(string Schema, string Table)
{
    public override string ToString() => $"{Schema}.{Table}";
}
