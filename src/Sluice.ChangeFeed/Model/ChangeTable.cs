namespace Sluice.ChangeFeed.Model;

/// <summary>
/// One version of a captured table's structure: a new version begins with every DDL that changes it, numbered by
/// the commit TSO of that DDL (TiCDC's <c>table-version</c>; the structure a changefeed found at its start has the
/// start TSO). Immutable and shared by every row change of that version.
/// </summary>
public sealed class ChangeTable
{
    public ChangeTable(string schema, string name, IReadOnlyList<ChangeColumn> columns, Tso version, long tableId = 0)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(columns);
        Schema = schema;
        Name = name;
        Columns = columns;
        Version = version;
        TableId = tableId;
        var handle = new List<int>();
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].IsHandleKey)
                handle.Add(i);
        }

        HandleKeyColumns = handle;
    }

    public string Schema { get; }

    public string Name { get; }

    public IReadOnlyList<ChangeColumn> Columns { get; }

    /// <summary>The commit TSO of the DDL that gave the table this structure.</summary>
    public Tso Version { get; }

    /// <summary>The source's table id from the binlog's TABLE_MAP, 0 when unknown.</summary>
    public long TableId { get; }

    /// <summary>Indexes of the columns that identify a row (primary key, else first NOT NULL unique key); empty when none.</summary>
    public IReadOnlyList<int> HandleKeyColumns { get; }

    public bool HasPrimaryKey => Columns.Any(c => c.IsPrimaryKey);

    public string QualifiedName => $"{Schema}.{Name}";

    /// <summary>The index of a column by name (case-insensitive, as MySQL compares column names); -1 when absent.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, column, StringComparison.OrdinalIgnoreCase))
                return i;
        }

        return -1;
    }

    public override string ToString() => $"{QualifiedName}@{Version}";
}
