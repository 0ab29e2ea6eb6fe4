namespace Sluice.MySql.Session;

/// <summary>
/// The first result set of a text-protocol query, fully read: column names and rows of values as text
/// (NULL as null). Meant for the handful of control queries a replication client runs, not for bulk data.
/// </summary>
public sealed class MySqlResultSet
{
    internal MySqlResultSet(IReadOnlyList<string> columnNames, IReadOnlyList<string?[]> rows)
    {
        ColumnNames = columnNames;
        Rows = rows;
    }

    /// <summary>A result with no columns and no rows, returned when a statement produced no result set.</summary>
    public static MySqlResultSet Empty { get; } = new([], []);

    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Each row has one value per column, in column order.</summary>
    public IReadOnlyList<string?[]> Rows { get; }

    /// <summary>The first column of the first row, or null when there is none.</summary>
    public string? Scalar => Rows.Count > 0 && ColumnNames.Count > 0 ? Rows[0][0] : null;

    /// <summary>The index of the column named <paramref name="name"/> (case-insensitive, like MySQL's names), or -1.</summary>
    public int GetOrdinal(string name)
    {
        for (var i = 0; i < ColumnNames.Count; i++)
        {
            if (string.Equals(ColumnNames[i], name, StringComparison.OrdinalIgnoreCase))
                return i;
        }

        return -1;
    }

    /// <summary>The value in row <paramref name="row"/> of the column named <paramref name="column"/>.</summary>
    public string? Get(int row, string column)
    {
        var ordinal = GetOrdinal(column);
        if (ordinal < 0)
            throw new ArgumentException($"The result has no column '{column}'.", nameof(column));
        return Rows[row][ordinal];
    }
}
