using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Model;

/// <summary>One column of a captured table, with what every protocol needs to describe it.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Type">The MySQL type (<see cref="ColumnType.Enum"/>, <see cref="ColumnType.Set"/> resolved; VARCHAR for
/// VAR_STRING; BLOB for the TINY/MEDIUM/LONG blob and text types, as MySQL's column type code shows them).</param>
/// <param name="DataType">information_schema DATA_TYPE: "int", "varchar", "text", "decimal", "enum" …</param>
/// <param name="ColumnTypeText">information_schema COLUMN_TYPE: "int(11) unsigned", "varchar(20)", "enum('a','b')" …</param>
/// <param name="IsNullable">NULL allowed.</param>
/// <param name="IsUnsigned">An UNSIGNED number.</param>
/// <param name="IsBinary">A binary string or BLOB (bytes, no charset).</param>
/// <param name="Charset">Character set of a text column ("utf8mb4"); null otherwise.</param>
/// <param name="Collation">Collation of a text column; null otherwise.</param>
/// <param name="Key">Which keys the column belongs to.</param>
/// <param name="Precision">DECIMAL precision, or fractional-seconds precision of temporal types; 0 when none.</param>
/// <param name="Scale">DECIMAL scale; 0 otherwise.</param>
/// <param name="Length">Declared length of string and BIT columns (characters, bits); 0 when unknown.</param>
/// <param name="Members">ENUM or SET members, in order; null for other types.</param>
public sealed record ChangeColumn(
    string Name,
    ColumnType Type,
    string DataType,
    string ColumnTypeText,
    bool IsNullable,
    bool IsUnsigned = false,
    bool IsBinary = false,
    string? Charset = null,
    string? Collation = null,
    ColumnKeyFlags Key = ColumnKeyFlags.None,
    int Precision = 0,
    int Scale = 0,
    int Length = 0,
    IReadOnlyList<string>? Members = null)
{
    public bool IsPrimaryKey => (Key & ColumnKeyFlags.PrimaryKey) != 0;

    /// <summary>Part of the key that identifies a row downstream (the primary key, else the first NOT NULL unique key).</summary>
    public bool IsHandleKey => (Key & ColumnKeyFlags.HandleKey) != 0;
}

[Flags]
public enum ColumnKeyFlags
{
    None = 0,
    PrimaryKey = 1,
    UniqueKey = 2,

    /// <summary>Part of a non-unique index.</summary>
    MultipleKey = 4,

    /// <summary>Part of the row's identifying key (see <see cref="ChangeColumn.IsHandleKey"/>).</summary>
    HandleKey = 8,
}
