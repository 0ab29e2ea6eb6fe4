using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Filtering;

namespace Sluice.Replication.Apply;

/// <summary>
/// A table the writer applies changes to: its name on the target, its columns (as the row events describe
/// them) and the key that identifies a row.
/// </summary>
/// <remarks>
/// The key is chosen as DM does: the primary key; else the first unique key whose columns are all NOT NULL
/// (a NULL never equals anything, so a nullable unique key does not identify a row); else none, and a row is
/// found by all the columns of its before image, one row at a time (LIMIT 1).
/// </remarks>
public sealed class TargetTable
{
    private TargetTable(TableName name, IReadOnlyList<ColumnInfo> columns, int[] keyColumns, string? keyName, IReadOnlyList<UniqueKey>? uniqueKeys)
    {
        Name = name;
        Columns = columns;
        KeyColumns = keyColumns;
        KeyOrdinals = keyColumns;
        KeyName = keyName;
        var known = (uniqueKeys ?? [])
            .Select(k => k.Columns.Select(c => columns.FirstOrDefault(x => string.Equals(x.Name, c, StringComparison.OrdinalIgnoreCase))?.Index ?? -1).ToArray())
            .ToList();
        // A key taken from the columns' primary key flags may be missing from the keys given, or be listed as a unique
        // key (information_schema calls the first NOT NULL unique key of a table without a primary key PRI).
        var listed = known.Any(k => k.Order().SequenceEqual(keyColumns.Order()));
        if (keyColumns.Length > 0 && !listed)
            known.Add(keyColumns);
        UniqueKeyCount = (uniqueKeys?.Count ?? 0) + (keyColumns.Length > 0 && !listed ? 1 : 0);
        UniqueKeyColumns = known.Where(k => k.Length > 0 && k.All(i => i >= 0)).ToArray();
        QuotedName = SqlIdentifier.Quote(name);
        QuotedColumns = columns.Select(c => SqlIdentifier.Quote(c.Name!)).ToArray();
    }

    public TableName Name { get; }

    public IReadOnlyList<ColumnInfo> Columns { get; }

    /// <summary>Indexes (into <see cref="Columns"/>) of the key's columns, in key order; empty when the table has no usable key.</summary>
    public IReadOnlyList<int> KeyColumns { get; }

    /// <summary>"PRIMARY", the unique key's name, or null when there is no usable key.</summary>
    public string? KeyName { get; }

    public bool HasKey => KeyOrdinals.Length > 0;

    /// <summary>
    /// How many primary and unique keys the target table has (nullable ones included), as far as the keys given to
    /// <see cref="Create"/> tell. A change can collide with another row on any of them; with one key only, changes to
    /// different key values never collide, whatever their order.
    /// </summary>
    public int UniqueKeyCount { get; }

    /// <summary>The column indexes of every primary and unique key whose columns are all known here (the key included).</summary>
    internal int[][] UniqueKeyColumns { get; }

    /// <summary><see cref="KeyColumns"/> as an array, for loops on the apply path that must not allocate.</summary>
    internal int[] KeyOrdinals { get; }

    internal string QuotedName { get; }

    internal IReadOnlyList<string> QuotedColumns { get; }

    /// <summary>
    /// Describes <paramref name="name"/> with <paramref name="columns"/> (e.g. <c>ColumnInfo.Build(map, schema)</c>),
    /// keyed by the columns marked primary key, else by the first of <paramref name="uniqueKeys"/> (in the target's
    /// order, primary key first, as <see cref="UniqueKeys.LoadAsync"/> returns them) whose columns all exist and are
    /// NOT NULL.
    /// </summary>
    /// <exception cref="ArgumentException">A column has no name.</exception>
    public static TargetTable Create(TableName name, IReadOnlyList<ColumnInfo> columns, IReadOnlyList<UniqueKey>? uniqueKeys = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.FirstOrDefault(c => c.Name is null) is { } unnamed)
            throw new ArgumentException($"column {unnamed.DisplayName} of {name} has no name: the writer needs the table's column names", nameof(columns));

        var primary = columns.Where(c => c.IsPrimaryKey).Select(c => c.Index).ToArray();
        if (primary.Length > 0)
            return new TargetTable(name, columns, primary, UniqueKey.PrimaryName, uniqueKeys);

        foreach (var key in uniqueKeys ?? [])
        {
            var indexes = new int[key.Columns.Count];
            var usable = key.Columns.Count > 0;
            for (var i = 0; i < indexes.Length && usable; i++)
            {
                var column = columns.FirstOrDefault(c => string.Equals(c.Name, key.Columns[i], StringComparison.OrdinalIgnoreCase));
                usable = column is { IsNullable: false };
                indexes[i] = column?.Index ?? -1;
            }

            if (usable)
                return new TargetTable(name, columns, indexes, key.Name, uniqueKeys);
        }

        return new TargetTable(name, columns, [], null, uniqueKeys);
    }
}
