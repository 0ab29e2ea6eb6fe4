using System.Text;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows.Readers;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// How one column of a TABLE_MAP is decoded and named: the real type (ENUM and SET resolved from the
/// STRING metadata), type metadata, signedness, charset and member names, merged from the event's
/// optional metadata and, when given, the source's information_schema.
/// </summary>
public sealed class ColumnInfo
{
    private ColumnReader? _reader;

    public required int Index { get; init; }

    /// <summary>Column name, or null when neither the binlog nor information_schema told it.</summary>
    public string? Name { get; init; }

    /// <summary>The real type: <see cref="ColumnType.Enum"/>/<see cref="ColumnType.Set"/> for those columns even though the wire says STRING.</summary>
    public required ColumnType Type { get; init; }

    /// <summary>The type code as written in the TABLE_MAP.</summary>
    public required ColumnType WireType { get; init; }

    /// <summary>
    /// The TABLE_MAP metadata for this column, as the TABLE_MAP decoder stores it from the column's metadata
    /// bytes b0, b1 (in the order they appear in the event), by the type written in the TABLE_MAP:
    /// <list type="table">
    /// <item><term>FLOAT, DOUBLE</term><description>1 byte: b0, the pack length (4 or 8); not used to decode.</description></item>
    /// <item><term>BLOB (and TINY_/MEDIUM_/LONG_BLOB), GEOMETRY, JSON, VECTOR, MariaDB's BLOB_COMPRESSED (140)</term><description>1 byte: b0,
    /// the pack length of the value's length prefix, 1..4.</description></item>
    /// <item><term>TIMESTAMP2, DATETIME2, TIME2</term><description>1 byte: b0, the fractional-seconds precision 0..6.</description></item>
    /// <item><term>VARCHAR, VAR_STRING, MariaDB's VARCHAR_COMPRESSED (141)</term><description>2 bytes little-endian: b0 | b1 &lt;&lt; 8, the maximum
    /// length in bytes (for VARCHAR_COMPRESSED including its 1-byte compression header).</description></item>
    /// <item><term>BIT</term><description>2 bytes little-endian: b0 | b1 &lt;&lt; 8, where b0 = bits % 8 and b1 = bits / 8 (whole bytes), so
    /// BIT(9) is 0x0101 and BIT(64) 0x0800 (Field_bit::do_save_field_metadata).</description></item>
    /// <item><term>NEWDECIMAL</term><description>2 bytes big-endian: b0 &lt;&lt; 8 | b1, where b0 = precision and b1 = scale,
    /// so DECIMAL(10,2) is 0x0A02.</description></item>
    /// <item><term>STRING (and ENUM, SET if ever written as such)</term><description>2 bytes big-endian: b0 &lt;&lt; 8 | b1,
    /// where b0 is the real type (247 ENUM, 248 SET, 254 CHAR/BINARY, with the two high length bits folded in for
    /// CHAR over 255 bytes) and b1 the length in bytes, or the ENUM/SET pack length; see <see cref="StringColumnMetadata"/>.</description></item>
    /// <item><term>all other types</term><description>no metadata bytes: 0.</description></item>
    /// </list>
    /// The 1-byte and 2-byte groups follow rpl_utility.cc table_def::table_def. The old DECIMAL (type 0, MySQL 4.x
    /// tables) has no metadata; its value length may be put here by hand (the field's byte length) to decode it.
    /// </summary>
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

    /// <summary>
    /// Builds the column list of a table map, enriched by <paramref name="schema"/> when given. Names,
    /// signedness, charsets, ENUM/SET members and the primary key come from the map's optional metadata
    /// when it has them, else from <paramref name="schema"/>; a schema whose column count differs from the
    /// map's describes another version of the table and is ignored.
    /// </summary>
    /// <remarks>
    /// Charset rules: a collation id from the binlog decides; else information_schema's
    /// CHARACTER_SET_NAME (or COLLATION_NAME), where NULL means a binary type (BINARY, VARBINARY, BLOB)
    /// unless DATA_TYPE names a text type. With neither, CHAR and VARCHAR are taken as UTF-8 text (the
    /// common case) and BLOB as bytes, since a BLOB may hold anything and bytes lose nothing.
    /// </remarks>
    public static IReadOnlyList<ColumnInfo> Build(TableMapEvent map, TableSchema? schema)
    {
        ArgumentNullException.ThrowIfNull(map);
        var count = map.ColumnCount;
        var optional = map.OptionalMetadata;
        var schemaColumns = schema is not null && schema.Columns.Count == count ? schema.Columns : null;
        var columns = new ColumnInfo[count];
        for (var i = 0; i < count; i++)
        {
            var wireType = map.ColumnTypes[i];
            var metadata = At(map.ColumnMetadata, i, count);
            var type = RealType(wireType, metadata);
            var schemaColumn = schemaColumns?[i];
            var column = new ColumnInfo
            {
                Index = i,
                Name = At(optional?.ColumnNames, i, count) ?? schemaColumn?.Name,
                Type = type,
                WireType = wireType,
                Metadata = metadata,
                IsNullable = At(map.Nullable, i, count),
                IsUnsigned = IsNumeric(type) && (optional?.Unsigned is { } unsigned && unsigned.Length == count
                    ? unsigned[i]
                    : schemaColumn is not null && ColumnTypeText.IsUnsigned(schemaColumn.ColumnTypeText)),
                Encoding = ResolveEncoding(type, At(optional?.CollationIds, i, count), schemaColumn),
                EnumValues = type == ColumnType.Enum ? Members(At(optional?.EnumValues, i, count), schemaColumn) : null,
                SetValues = type == ColumnType.Set ? Members(At(optional?.SetValues, i, count), schemaColumn) : null,
                IsPrimaryKey = optional?.PrimaryKey is { } primaryKey
                    ? Array.IndexOf(primaryKey, i) >= 0
                    : string.Equals(schemaColumn?.ColumnKey, "PRI", StringComparison.OrdinalIgnoreCase),
            };
            column._reader = ColumnReaderFactory.Create(column);
            columns[i] = column;
        }

        return columns;
    }

    /// <summary>Reads one non-NULL value of this column from a row image (see <see cref="RowImage"/> for the value types).</summary>
    /// <exception cref="MySqlDecodingException">The bytes are too short or not a value of this column.</exception>
    public object ReadValue(ref ByteReader reader) => (_reader ??= ColumnReaderFactory.Create(this)).Read(ref reader);

    private static ColumnType RealType(ColumnType wireType, ushort metadata) =>
        wireType == ColumnType.String && StringColumnMetadata.TryResolve(metadata, out var realType, out _)
            ? realType
            : wireType;

    private static bool IsNumeric(ColumnType type) => type is ColumnType.Tiny or ColumnType.Short or ColumnType.Int24
        or ColumnType.Long or ColumnType.LongLong or ColumnType.Float or ColumnType.Double or ColumnType.NewDecimal
        or ColumnType.Decimal;

    private static bool IsBlob(ColumnType type) =>
        type is ColumnType.TinyBlob or ColumnType.Blob or ColumnType.MediumBlob or ColumnType.LongBlob or ColumnType.BlobCompressed;

    private static Encoding? ResolveEncoding(ColumnType type, int? collationId, TableSchemaColumn? schemaColumn)
    {
        if (!IsBlob(type) && type is not (ColumnType.String or ColumnType.VarChar or ColumnType.VarString or ColumnType.VarCharCompressed
                or ColumnType.Enum or ColumnType.Set))
            return null;
        if (collationId is { } id)
            return Charsets.FromCollationId(id);
        if (schemaColumn is not null)
        {
            if (schemaColumn.CharacterSetName is { } charset)
                return Charsets.FromCharsetName(charset);
            if (schemaColumn.CollationName is { } collation)
                return Charsets.FromCollationName(collation);
            return IsTextDataType(schemaColumn.DataType) ? Encoding.UTF8 : null;
        }

        return IsBlob(type) ? null : Encoding.UTF8;
    }

    private static bool IsTextDataType(string dataType) =>
        dataType.ToUpperInvariant() is "CHAR" or "VARCHAR" or "TINYTEXT" or "TEXT" or "MEDIUMTEXT" or "LONGTEXT"
            or "ENUM" or "SET" or "JSON";

    private static string[]? Members(string[]? fromBinlog, TableSchemaColumn? schemaColumn) =>
        fromBinlog ?? (schemaColumn is null ? null : ColumnTypeText.ParseMembers(schemaColumn.ColumnTypeText));

    private static T? At<T>(T[]? values, int index, int count) =>
        values is not null && values.Length == count ? values[index] : default;
}
