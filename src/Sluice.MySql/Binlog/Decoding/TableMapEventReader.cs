using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Decoding;

/// <summary>
/// TABLE_MAP_EVENT. Post-header: table id (6 bytes, 4 when the post-header is 6), flags (2). Body: schema name
/// (length byte, name, NUL), table name (likewise), column count (length-encoded), one type byte per column,
/// metadata block (length-encoded size, then 0..2 bytes per column by type), NULL-able bitmap, then optional
/// metadata fields (see <see cref="TableMapMetadataReader"/>).
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Table__map__event.html ,
/// https://mariadb.com/kb/en/table_map_event/</remarks>
internal static class TableMapEventReader
{
    public static TableMapEvent Read(BinlogEventHeader header, ref ByteReader reader, int postHeaderLength, bool isMariaDb)
    {
        var postHeaderStart = reader.Offset;
        var tableId = RowsEventReader.ReadTableId(ref reader, postHeaderLength);
        var flags = reader.ReadUInt16();
        reader.Skip(postHeaderStart + postHeaderLength - reader.Offset);

        var schemaName = ReadName(ref reader, "schema");
        var tableName = ReadName(ref reader, "table");
        var countOffset = reader.Offset;
        var columnCount = reader.ReadLengthEncodedLength();
        if (columnCount > reader.Remaining)
            throw new MySqlDecodingException($"expected {columnCount} column type bytes, found {reader.Remaining} bytes left", countOffset);

        var types = new ColumnType[columnCount];
        var typeBytes = reader.ReadBytes(columnCount);
        for (var i = 0; i < columnCount; i++)
            types[i] = (ColumnType)typeBytes[i];

        var metadataOffset = reader.Offset;
        var metadataLength = reader.ReadLengthEncodedLength();
        var metadataBlock = reader.ReadBytes(metadataLength);
        var metadata = ReadColumnMetadata(types, metadataBlock, metadataOffset);
        var nullable = RowsEventReader.ReadBitmap(ref reader, columnCount, columnCount, out _);

        TableMapMetadata? optional = null;
        if (!reader.IsAtEnd)
            optional = TableMapMetadataReader.Read(ref reader, types, metadata, isMariaDb);

        try
        {
            return new TableMapEvent(header, tableId, flags, schemaName, tableName, types, metadata, nullable, optional);
        }
        catch (Exception ex) when (ex is not MySqlDecodingException && !DecodingErrors.IsFatal(ex))
        {
            throw DecodingErrors.Foreign(ex, metadataOffset, "cannot build the column readers of the table map");
        }
    }

    /// <summary>How many metadata bytes a column type has in the TABLE_MAP metadata block.</summary>
    public static int MetadataWidth(ColumnType type) => type switch
    {
        ColumnType.Float or ColumnType.Double or ColumnType.Blob or ColumnType.TinyBlob or ColumnType.MediumBlob
            or ColumnType.LongBlob or ColumnType.BlobCompressed or ColumnType.Geometry or ColumnType.Json or ColumnType.Vector
            or ColumnType.Timestamp2 or ColumnType.DateTime2 or ColumnType.Time2 => 1,
        ColumnType.VarChar or ColumnType.VarString or ColumnType.VarCharCompressed or ColumnType.Bit or ColumnType.NewDecimal
            or ColumnType.String or ColumnType.Enum or ColumnType.Set => 2,
        _ => 0,
    };

    // Fills ColumnMetadata as ColumnInfo.Metadata documents it: 1-byte metadata as the byte; VARCHAR, VAR_STRING
    // and BIT as the little-endian 16-bit value they are written as (BIT: bits % 8 in the low byte, whole bytes in
    // the high byte); NEWDECIMAL (precision, scale) and STRING/ENUM/SET (real type, length) as (first << 8) | second.
    private static ushort[] ReadColumnMetadata(ColumnType[] types, ReadOnlySpan<byte> block, int blockOffset)
    {
        var metadata = new ushort[types.Length];
        var at = 0;
        for (var i = 0; i < types.Length; i++)
        {
            var width = MetadataWidth(types[i]);
            if (width == 0)
                continue;
            if (at + width > block.Length)
                throw new MySqlDecodingException($"expected {width} metadata bytes for column {i} ({types[i]}), found {block.Length - at} left in the metadata block", blockOffset);
            if (width == 1)
            {
                metadata[i] = block[at];
            }
            else if (types[i] is ColumnType.NewDecimal or ColumnType.String or ColumnType.Enum or ColumnType.Set)
            {
                metadata[i] = (ushort)((block[at] << 8) | block[at + 1]);
            }
            else
            {
                metadata[i] = (ushort)(block[at] | (block[at + 1] << 8));
            }

            at += width;
        }

        return metadata;
    }

    private static string ReadName(ref ByteReader reader, string what)
    {
        var length = reader.ReadByte();
        var name = reader.ReadString(length);
        var terminatorOffset = reader.Offset;
        var terminator = reader.ReadByte();
        if (terminator != 0)
            throw new MySqlDecodingException($"expected a NUL after the {what} name, found 0x{terminator:X2}", terminatorOffset);
        return name;
    }
}
