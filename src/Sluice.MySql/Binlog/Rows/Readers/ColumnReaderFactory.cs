using System.Text;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>Chooses the reader of a column from its real type, metadata, signedness, charset and members.</summary>
internal static class ColumnReaderFactory
{
    public static ColumnReader Create(ColumnInfo column)
    {
        var metadata = column.Metadata;
        return column.Type switch
        {
            ColumnType.Tiny => column.IsUnsigned ? IntegerColumnReader.UnsignedTiny : IntegerColumnReader.SignedTiny,
            ColumnType.Short => column.IsUnsigned ? IntegerColumnReader.UnsignedShort : IntegerColumnReader.SignedShort,
            ColumnType.Int24 => column.IsUnsigned ? IntegerColumnReader.UnsignedInt24 : IntegerColumnReader.SignedInt24,
            ColumnType.Long => column.IsUnsigned ? IntegerColumnReader.UnsignedLong : IntegerColumnReader.SignedLong,
            ColumnType.LongLong => column.IsUnsigned ? IntegerColumnReader.UnsignedLongLong : IntegerColumnReader.SignedLongLong,
            ColumnType.Float => FloatColumnReader.Instance,
            ColumnType.Double => DoubleColumnReader.Instance,
            ColumnType.NewDecimal => NewDecimal(column),
            ColumnType.Decimal => metadata is >= 1 and <= 255
                ? new OldDecimalColumnReader(metadata)
                : Undecodable(column, "an old (pre-5.0) DECIMAL, whose length the TABLE_MAP does not carry"),
            ColumnType.Year => YearColumnReader.Instance,
            ColumnType.Date or ColumnType.NewDate => DateColumnReader.Instance,
            ColumnType.Time => TimeColumnReader.Instance,
            ColumnType.DateTime => DateTimeColumnReader.Instance,
            ColumnType.Timestamp => TimestampColumnReader.Instance,
            ColumnType.Time2 => metadata <= 6 ? Time2ColumnReader.For(metadata) : BadFsp(column),
            ColumnType.DateTime2 => metadata <= 6 ? DateTime2ColumnReader.For(metadata) : BadFsp(column),
            ColumnType.Timestamp2 => metadata <= 6 ? Timestamp2ColumnReader.For(metadata) : BadFsp(column),
            ColumnType.Bit => Bit(column),
            ColumnType.VarChar or ColumnType.VarString => new VarStringColumnReader(metadata, column.Encoding),
            ColumnType.String or ColumnType.Enum or ColumnType.Set => StringFamily(column),
            ColumnType.TinyBlob or ColumnType.Blob or ColumnType.MediumBlob or ColumnType.LongBlob =>
                Blob(column, column.Encoding),
            ColumnType.Geometry or ColumnType.Vector => Blob(column, null),
            ColumnType.VarCharCompressed => new CompressedColumnReader(metadata < 256 ? 1 : 2, metadata, column.Encoding),
            ColumnType.BlobCompressed => metadata is >= 1 and <= 4
                ? new CompressedColumnReader(metadata, Math.Min((1L << (8 * metadata)) - 1, int.MaxValue), column.Encoding)
                : Undecodable(column, $"a BLOB pack length of 1..4, found {metadata}"),
            ColumnType.Json => metadata is >= 1 and <= 4
                ? new JsonColumnReader(metadata)
                : Undecodable(column, $"a JSON pack length of 1..4, found {metadata}"),
            _ => Undecodable(column, "a column type with a row encoding"),
        };
    }

    private static ColumnReader NewDecimal(ColumnInfo column)
    {
        var precision = column.Metadata >> 8;
        var scale = column.Metadata & 0xFF;
        return DecimalBinary.IsValid(precision, scale)
            ? new NewDecimalColumnReader(precision, scale)
            : Undecodable(column, $"DECIMAL metadata of precision 1..65 and scale 0..precision, found ({precision},{scale})");
    }

    private static ColumnReader Bit(ColumnInfo column)
    {
        var extraBits = column.Metadata & 0xFF;
        var bits = ((column.Metadata >> 8) * 8) + extraBits;
        return extraBits < 8 && bits is >= 1 and <= 64
            ? new BitColumnReader(bits)
            : Undecodable(column, $"BIT metadata of 1..64 bits, found 0x{column.Metadata:X4}");
    }

    private static ColumnReader StringFamily(ColumnInfo column)
    {
        if (!StringColumnMetadata.TryResolve(column.Metadata, out var realType, out var length))
            return Undecodable(column, $"STRING metadata naming CHAR, ENUM or SET, found 0x{column.Metadata:X4}");

        // ENUM and SET written as their own wire types (not MySQL's way) carry only the pack length.
        var kind = column.Type == ColumnType.String ? realType : column.Type;
        return kind switch
        {
            ColumnType.Enum => length is 1 or 2
                ? new EnumColumnReader(length, column.EnumValues)
                : Undecodable(column, $"an ENUM pack length of 1 or 2, found {length}"),
            ColumnType.Set => length is 1 or 2 or 3 or 4 or 8
                ? new SetColumnReader(length, column.SetValues)
                : Undecodable(column, $"a SET pack length of 1, 2, 3, 4 or 8, found {length}"),
            _ => new CharColumnReader(length, column.Encoding),
        };
    }

    private static ColumnReader Blob(ColumnInfo column, Encoding? encoding)
    {
        int packLength = column.Metadata switch
        {
            >= 1 and <= 4 => column.Metadata,
            _ => column.Type switch
            {
                ColumnType.TinyBlob => 1,
                ColumnType.MediumBlob => 3,
                ColumnType.LongBlob => 4,
                _ => 0,
            },
        };
        return packLength == 0
            ? Undecodable(column, $"a BLOB pack length of 1..4, found {column.Metadata}")
            : new BlobColumnReader(packLength, encoding);
    }

    private static UndecodableColumnReader BadFsp(ColumnInfo column) =>
        Undecodable(column, $"a fractional-seconds precision of 0..6, found {column.Metadata}");

    private static UndecodableColumnReader Undecodable(ColumnInfo column, string expected) =>
        new($"column {column.DisplayName} of type {column.Type} cannot be decoded: expected {expected}");
}
