using System.Text;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// How one column of a TABLE_MAP is decoded and named: the real type (ENUM and SET resolved from the
/// STRING metadata), type metadata, signedness, charset and member names, merged from the event's
/// optional metadata and, when given, the source's information_schema.
/// </summary>
public sealed class ColumnInfo
{
    public required int Index { get; init; }

    /// <summary>Column name, or null when neither the binlog nor information_schema told it.</summary>
    public string? Name { get; init; }

    /// <summary>The real type: <see cref="ColumnType.Enum"/>/<see cref="ColumnType.Set"/> for those columns even though the wire says STRING.</summary>
    public required ColumnType Type { get; init; }

    /// <summary>The type code as written in the TABLE_MAP.</summary>
    public required ColumnType WireType { get; init; }

    /// <summary>The TABLE_MAP metadata for this column.</summary>
    public required ushort Metadata { get; init; }

    public bool IsNullable { get; init; }

    public bool IsUnsigned { get; init; }

    /// <summary>Text encoding of a character column; null for binary strings and non-text types.</summary>
    public Encoding? Encoding { get; init; }

    public string[]? EnumValues { get; init; }

    public string[]? SetValues { get; init; }

    public bool IsPrimaryKey { get; init; }

    /// <summary>Name to show: the real name, else mysqlbinlog's "@N" (1-based).</summary>
    public string DisplayName => Name ?? $"@{Index + 1}";

    /// <summary>Builds the column list of a table map, enriched by <paramref name="schema"/> when given.</summary>
    public static IReadOnlyList<ColumnInfo> Build(TableMapEvent map, TableSchema? schema)
    {
        ArgumentNullException.ThrowIfNull(map);
        throw new NotImplementedException();
    }

    /// <summary>Reads one non-NULL value of this column from a row image.</summary>
    public object ReadValue(ref ByteReader reader) => throw new NotImplementedException();
}
