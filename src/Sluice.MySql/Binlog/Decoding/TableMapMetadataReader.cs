using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Decoding;

/// <summary>
/// The optional metadata after a TABLE_MAP's NULL-able bitmap (MySQL 8 and MariaDB 10.5+, binlog_row_metadata):
/// fields of type (1 byte), length (length-encoded), value. Each field lists entries for one class of
/// columns (numeric, character, ENUM/SET, geometry, all); they are spread here to one slot per table column.
/// Unknown field types are skipped.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Table__map__event.html (Optional metadata fields)</remarks>
internal static class TableMapMetadataReader
{
    private const byte Signedness = 1;
    private const byte DefaultCharset = 2;
    private const byte ColumnCharset = 3;
    private const byte ColumnName = 4;
    private const byte SetStrValue = 5;
    private const byte EnumStrValue = 6;
    private const byte GeometryType = 7;
    private const byte SimplePrimaryKey = 8;
    private const byte PrimaryKeyWithPrefix = 9;
    private const byte EnumAndSetDefaultCharset = 10;
    private const byte EnumAndSetColumnCharset = 11;
    private const byte ColumnVisibility = 12;

    public static TableMapMetadata Read(ref ByteReader reader, ColumnType[] wireTypes, ushort[] metadata, bool isMariaDb)
    {
        var types = RealTypes(wireTypes, metadata);
        var result = new TableMapMetadata();
        while (!reader.IsAtEnd)
        {
            var fieldType = reader.ReadByte();
            var length = reader.ReadLengthEncodedLength();
            var valueOffset = reader.Offset;
            var field = new ByteReader(reader.ReadBytes(length));
            try
            {
                result = ReadField(result, fieldType, ref field, types, isMariaDb);
            }
            catch (MySqlDecodingException ex)
            {
                throw DecodingErrors.Rebase(ex, valueOffset, $"in optional metadata field {fieldType}");
            }
        }

        return result;
    }

    private static TableMapMetadata ReadField(TableMapMetadata result, byte fieldType, ref ByteReader field, ColumnType[] types, bool isMariaDb) => fieldType switch
    {
        Signedness => result with { Unsigned = ReadSignedness(ref field, types) },
        DefaultCharset => result with { CollationIds = ReadDefaultCharset(ref field, types, result.CollationIds, c => IsCharacter(c, isMariaDb)) },
        ColumnCharset => result with { CollationIds = ReadColumnCharset(ref field, types, result.CollationIds, c => IsCharacter(c, isMariaDb)) },
        ColumnName => result with { ColumnNames = ReadColumnNames(ref field, types.Length) },
        SetStrValue => result with { SetValues = ReadStringValues(ref field, types, ColumnType.Set) },
        EnumStrValue => result with { EnumValues = ReadStringValues(ref field, types, ColumnType.Enum) },
        GeometryType => result with { GeometryTypes = ReadGeometryTypes(ref field, types) },
        SimplePrimaryKey => ReadPrimaryKey(result, ref field, types.Length, withPrefix: false),
        PrimaryKeyWithPrefix => ReadPrimaryKey(result, ref field, types.Length, withPrefix: true),
        EnumAndSetDefaultCharset => result with { CollationIds = ReadDefaultCharset(ref field, types, result.CollationIds, IsEnumOrSet) },
        EnumAndSetColumnCharset => result with { CollationIds = ReadColumnCharset(ref field, types, result.CollationIds, IsEnumOrSet) },
        ColumnVisibility => result with { Visible = ReadVisibility(ref field, types.Length) },
        _ => result,
    };

    /// <summary>The type a column really has: ENUM and SET travel as STRING with the real type in the metadata's first byte.</summary>
    private static ColumnType[] RealTypes(ColumnType[] wireTypes, ushort[] metadata)
    {
        var types = new ColumnType[wireTypes.Length];
        for (var i = 0; i < types.Length; i++)
        {
            var type = wireTypes[i];
            if (type == ColumnType.String && (metadata[i] >> 8) is (int)ColumnType.Enum or (int)ColumnType.Set)
                type = (ColumnType)(metadata[i] >> 8);
            types[i] = type;
        }

        return types;
    }

    private static bool IsNumeric(ColumnType type) => type is ColumnType.Tiny or ColumnType.Short or ColumnType.Int24
        or ColumnType.Long or ColumnType.LongLong or ColumnType.NewDecimal or ColumnType.Float or ColumnType.Double;

    // MariaDB counts GEOMETRY among the character columns (its field class derives from BLOB); MySQL does not.
    private static bool IsCharacter(ColumnType type, bool isMariaDb) => type is ColumnType.String or ColumnType.VarString
        or ColumnType.VarChar or ColumnType.Blob || (isMariaDb && type == ColumnType.Geometry);

    private static bool IsEnumOrSet(ColumnType type) => type is ColumnType.Enum or ColumnType.Set;

    /// <summary>Bit i of a metadata bitmap, most significant bit first.</summary>
    private static bool BitAt(ReadOnlySpan<byte> bitmap, int i) => (bitmap[i >> 3] & (0x80 >> (i & 7))) != 0;

    private static bool[] ReadSignedness(ref ByteReader field, ColumnType[] types)
    {
        var numeric = 0;
        foreach (var type in types)
        {
            if (IsNumeric(type))
                numeric++;
        }

        var bitmap = field.ReadBytes((numeric + 7) / 8);
        var unsigned = new bool[types.Length];
        var k = 0;
        for (var i = 0; i < types.Length; i++)
        {
            if (IsNumeric(types[i]))
                unsigned[i] = BitAt(bitmap, k++);
        }

        return unsigned;
    }

    // Default collation for the class, then (index within the class, collation) pairs for the columns that differ.
    private static int?[] ReadDefaultCharset(ref ByteReader field, ColumnType[] types, int?[]? existing, Func<ColumnType, bool> inClass)
    {
        var collations = existing ?? new int?[types.Length];
        var members = ClassMembers(types, inClass);
        var defaultCollation = ReadInt(ref field);
        foreach (var column in members)
            collations[column] = defaultCollation;
        while (!field.IsAtEnd)
        {
            var at = field.Offset;
            var index = ReadInt(ref field);
            var collation = ReadInt(ref field);
            if (index >= members.Count)
                throw new MySqlDecodingException($"expected a column index below {members.Count}, found {index}", at);
            collations[members[index]] = collation;
        }

        return collations;
    }

    // One collation per column of the class, in column order.
    private static int?[] ReadColumnCharset(ref ByteReader field, ColumnType[] types, int?[]? existing, Func<ColumnType, bool> inClass)
    {
        var collations = existing ?? new int?[types.Length];
        var members = ClassMembers(types, inClass);
        foreach (var column in members)
            collations[column] = ReadInt(ref field);
        ExpectEnd(ref field, members.Count, "collations");
        return collations;
    }

    private static string[] ReadColumnNames(ref ByteReader field, int columnCount)
    {
        var names = new string[columnCount];
        for (var i = 0; i < columnCount; i++)
            names[i] = field.ReadLengthEncodedString();
        ExpectEnd(ref field, columnCount, "column names");
        return names;
    }

    // Per ENUM (or SET) column: member count, then each member as a length-encoded string.
    private static string[]?[] ReadStringValues(ref ByteReader field, ColumnType[] types, ColumnType kind)
    {
        var values = new string[]?[types.Length];
        var count = 0;
        for (var i = 0; i < types.Length; i++)
        {
            if (types[i] != kind)
                continue;
            var at = field.Offset;
            var members = field.ReadLengthEncodedLength();
            if (members > field.Remaining)
                throw new MySqlDecodingException($"expected {members} {kind} members, found {field.Remaining} bytes left", at);
            var strings = new string[members];
            for (var m = 0; m < members; m++)
                strings[m] = field.ReadLengthEncodedString();
            values[i] = strings;
            count++;
        }

        ExpectEnd(ref field, count, $"{kind} member lists");
        return values;
    }

    private static int?[] ReadGeometryTypes(ref ByteReader field, ColumnType[] types)
    {
        var geometry = new int?[types.Length];
        var count = 0;
        for (var i = 0; i < types.Length; i++)
        {
            if (types[i] != ColumnType.Geometry)
                continue;
            geometry[i] = ReadInt(ref field);
            count++;
        }

        ExpectEnd(ref field, count, "geometry types");
        return geometry;
    }

    private static TableMapMetadata ReadPrimaryKey(TableMapMetadata result, ref ByteReader field, int columnCount, bool withPrefix)
    {
        var columns = new List<int>();
        var prefixes = new List<int>();
        while (!field.IsAtEnd)
        {
            var at = field.Offset;
            var column = ReadInt(ref field);
            if (column >= columnCount)
                throw new MySqlDecodingException($"expected a primary key column index below {columnCount}, found {column}", at);
            columns.Add(column);
            prefixes.Add(withPrefix ? ReadInt(ref field) : 0);
        }

        return result with { PrimaryKey = [.. columns], PrimaryKeyPrefixes = [.. prefixes] };
    }

    private static bool[] ReadVisibility(ref ByteReader field, int columnCount)
    {
        var bitmap = field.ReadBytes((columnCount + 7) / 8);
        var visible = new bool[columnCount];
        for (var i = 0; i < columnCount; i++)
            visible[i] = BitAt(bitmap, i);
        return visible;
    }

    private static List<int> ClassMembers(ColumnType[] types, Func<ColumnType, bool> inClass)
    {
        var members = new List<int>();
        for (var i = 0; i < types.Length; i++)
        {
            if (inClass(types[i]))
                members.Add(i);
        }

        return members;
    }

    private static int ReadInt(ref ByteReader field)
    {
        var at = field.Offset;
        var value = field.ReadLengthEncodedInteger();
        if (value > int.MaxValue)
            throw new MySqlDecodingException($"expected a value below 2^31, found {value}", at);
        return (int)value;
    }

    private static void ExpectEnd(ref ByteReader field, int expected, string what)
    {
        if (!field.IsAtEnd)
            throw new MySqlDecodingException($"expected {expected} {what} filling the field, found {field.Remaining} bytes more", field.Offset);
    }
}
