using Sluice.MySql.Binlog.Rows;

namespace Sluice.Replication.Tests.Apply;

/// <summary>Column descriptions and row images written by hand for the statement tests.</summary>
internal static class Columns
{
    public static ColumnInfo Int(int index, string name, bool primaryKey = false, bool nullable = false) => new()
    {
        Index = index,
        Name = name,
        Type = ColumnType.Long,
        WireType = ColumnType.Long,
        Metadata = 0,
        IsPrimaryKey = primaryKey,
        IsNullable = nullable,
    };

    public static ColumnInfo Text(int index, string name, System.Text.Encoding? encoding = null, bool nullable = true) => new()
    {
        Index = index,
        Name = name,
        Type = ColumnType.VarChar,
        WireType = ColumnType.VarChar,
        Metadata = 200,
        Encoding = encoding ?? System.Text.Encoding.UTF8,
        IsNullable = nullable,
    };

    public static ColumnInfo Decimal(int index, string name, int precision, int scale, bool primaryKey = false) => new()
    {
        Index = index,
        Name = name,
        Type = ColumnType.NewDecimal,
        WireType = ColumnType.NewDecimal,
        Metadata = (ushort)((precision << 8) | scale),
        IsPrimaryKey = primaryKey,
    };

    public static ColumnInfo Of(int index, string name, ColumnType type, ushort metadata = 0) => new()
    {
        Index = index,
        Name = name,
        Type = type,
        WireType = type,
        Metadata = metadata,
        IsNullable = true,
    };

    /// <summary>A full image: every column present.</summary>
    public static RowImage Row(params object?[] values) => new(values, [.. values.Select(_ => true)]);

    /// <summary>A partial image: only the columns whose value is not <see cref="Absent"/>.</summary>
    public static RowImage Partial(params object?[] values) =>
        new([.. values.Select(v => v == Absent ? null : v)], [.. values.Select(v => v != Absent)]);

    public static readonly object Absent = new();
}
