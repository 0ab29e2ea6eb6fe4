namespace Sluice.MySql.Binlog.Events;

/// <summary>
/// Optional metadata of a TABLE_MAP event (MySQL 8 binlog_row_metadata, MariaDB 10.5+ likewise).
/// Every list is indexed as the field documents (per column, per numeric column, per character column ...),
/// expanded here to one entry per table column where that is how MySQL defines it; null when absent.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Table__map__event.html (Optional metadata fields)</remarks>
public sealed record TableMapMetadata
{
    /// <summary>Per table column: true when unsigned (false for non-numeric columns).</summary>
    public bool[]? Unsigned { get; init; }

    /// <summary>Per table column: collation id for character and ENUM/SET columns, null for the others.</summary>
    public int?[]? CollationIds { get; init; }

    public string[]? ColumnNames { get; init; }

    /// <summary>Per table column: the SET members for SET columns, null for the others.</summary>
    public string[]?[]? SetValues { get; init; }

    /// <summary>Per table column: the ENUM members for ENUM columns, null for the others.</summary>
    public string[]?[]? EnumValues { get; init; }

    /// <summary>Per table column: the geometry subtype for GEOMETRY columns, null for the others.</summary>
    public int?[]? GeometryTypes { get; init; }

    /// <summary>Column indexes of the primary key, in key order.</summary>
    public int[]? PrimaryKey { get; init; }

    /// <summary>Key prefix lengths parallel to <see cref="PrimaryKey"/> (0 = whole column).</summary>
    public int[]? PrimaryKeyPrefixes { get; init; }

    /// <summary>Per table column: visible (false for invisible columns).</summary>
    public bool[]? Visible { get; init; }
}
