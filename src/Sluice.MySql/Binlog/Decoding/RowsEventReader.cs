using System.Buffers;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Decoding;

/// <summary>
/// WRITE/UPDATE/DELETE_ROWS v1 and v2 and MariaDB's compressed forms. Post-header: table id (6 bytes, 4 when
/// the post-header is 6), flags (2), and in v2 the extra data length (2, counting itself) followed by the extra
/// data. Body: column count (length-encoded), columns-present bitmap (and for UPDATE a second one for the after
/// image), then rows to the end: per image a NULL bitmap over the present columns and each non-NULL present value.
/// In the compressed events only the rows are compressed (<see cref="MariaDbCompression"/>).
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Rows__event.html ,
/// https://mariadb.com/kb/en/rows_event_v1v2-rows_compressed_event_v1/</remarks>
internal static class RowsEventReader
{
    private const int V2PostHeaderLength = 10;

    public static RowsEvent Read(
        BinlogEventHeader header,
        ref ByteReader reader,
        int postHeaderLength,
        RowsEventKind kind,
        bool compressed,
        Func<ulong, TableMapEvent?> findTable)
    {
        var postHeaderStart = reader.Offset;
        var tableId = ReadTableId(ref reader, postHeaderLength);
        var flags = reader.ReadUInt16();
        if (postHeaderLength >= V2PostHeaderLength)
        {
            var extraOffset = reader.Offset;
            var extraLength = reader.ReadUInt16();
            if (extraLength < 2)
                throw new MySqlDecodingException($"expected a v2 extra data length of at least 2 (it counts itself), found {extraLength}", extraOffset);
            reader.Skip(postHeaderStart + postHeaderLength - reader.Offset);
            reader.Skip(extraLength - 2);
        }
        else
        {
            reader.Skip(postHeaderStart + postHeaderLength - reader.Offset);
        }

        var table = findTable(tableId)
            ?? throw new MySqlDecodingException($"expected a TABLE_MAP for table id {tableId} before its rows, found none", postHeaderStart);

        var countOffset = reader.Offset;
        var columnCount = reader.ReadLengthEncodedLength();
        if (columnCount > table.ColumnCount)
            throw new MySqlDecodingException($"expected at most {table.ColumnCount} columns (the TABLE_MAP of {table.QualifiedName}), found {columnCount}", countOffset);
        var present = ReadBitmap(ref reader, columnCount, table.ColumnCount, out var presentCount);
        bool[]? presentAfter = null;
        var presentAfterCount = 0;
        if (kind == RowsEventKind.Update)
            presentAfter = ReadBitmap(ref reader, columnCount, table.ColumnCount, out presentAfterCount);

        var columns = ColumnsOf(table);
        if (!compressed)
        {
            var rows = ReadRows(ref reader, kind, columns, present, presentCount, presentAfter, presentAfterCount);
            return new RowsEvent(header, kind, tableId, flags, table, present, presentAfter, rows);
        }

        var compressedOffset = reader.Offset;
        var buffer = MariaDbCompression.Decompress(reader.ReadRemaining(), compressedOffset, out var length);
        try
        {
            var rowsReader = new ByteReader(buffer.AsSpan(0, length));
            try
            {
                var rows = ReadRows(ref rowsReader, kind, columns, present, presentCount, presentAfter, presentAfterCount);
                return new RowsEvent(header, kind, tableId, flags, table, present, presentAfter, rows);
            }
            catch (MySqlDecodingException ex)
            {
                throw DecodingErrors.Rebase(ex, compressedOffset, $"in the rows decompressed from offset {compressedOffset}");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A table id: 6 bytes, or 4 when the post-header is 6 bytes (servers before 5.1.4).</summary>
    public static ulong ReadTableId(ref ByteReader reader, int postHeaderLength) =>
        postHeaderLength == 6 ? reader.ReadUInt32() : reader.ReadUInt48();

    /// <summary>
    /// Reads a bitmap of <paramref name="bitCount"/> bits (least significant bit first) into a bool array of
    /// <paramref name="arrayLength"/> slots (slots past the bitmap stay false) and counts the set bits.
    /// </summary>
    public static bool[] ReadBitmap(ref ByteReader reader, int bitCount, int arrayLength, out int setCount)
    {
        var bytes = reader.ReadBytes((bitCount + 7) / 8);
        var bits = new bool[arrayLength];
        setCount = 0;
        for (var i = 0; i < bitCount; i++)
        {
            if ((bytes[i >> 3] & (1 << (i & 7))) != 0)
            {
                bits[i] = true;
                setCount++;
            }
        }

        return bits;
    }

    private static ColumnInfo[] ColumnsOf(TableMapEvent table)
    {
        var columns = table.Columns as ColumnInfo[] ?? [.. table.Columns];
        if (columns.Length < table.ColumnCount)
            throw new MySqlDecodingException($"expected {table.ColumnCount} column readers for {table.QualifiedName}, found {columns.Length}", 0);
        return columns;
    }

    private static List<RowChange> ReadRows(
        ref ByteReader reader,
        RowsEventKind kind,
        ColumnInfo[] columns,
        bool[] present,
        int presentCount,
        bool[]? presentAfter,
        int presentAfterCount)
    {
        var rows = new List<RowChange>();
        while (!reader.IsAtEnd)
        {
            var rowStart = reader.Offset;
            RowChange row;
            switch (kind)
            {
                case RowsEventKind.Insert:
                    row = new RowChange(null, ReadImage(ref reader, columns, present, presentCount));
                    break;
                case RowsEventKind.Delete:
                    row = new RowChange(ReadImage(ref reader, columns, present, presentCount), null);
                    break;
                default:
                    var before = ReadImage(ref reader, columns, present, presentCount);
                    row = new RowChange(before, ReadImage(ref reader, columns, presentAfter!, presentAfterCount));
                    break;
            }

            // An image with no present columns is zero bytes long; rows of them would never reach the end.
            if (reader.Offset == rowStart)
                throw new MySqlDecodingException($"expected row images, found {reader.Remaining} bytes for a row without present columns", rowStart);
            rows.Add(row);
        }

        return rows;
    }

    private static RowImage ReadImage(ref ByteReader reader, ColumnInfo[] columns, bool[] present, int presentCount)
    {
        var nulls = reader.ReadBytes((presentCount + 7) / 8);
        var values = new object?[present.Length];
        var nullIndex = 0;
        var column = 0;
        try
        {
            for (; column < present.Length; column++)
            {
                if (!present[column])
                    continue;
                var isNull = (nulls[nullIndex >> 3] & (1 << (nullIndex & 7))) != 0;
                nullIndex++;
                if (!isNull)
                    values[column] = columns[column].ReadValue(ref reader);
            }
        }
        catch (MySqlDecodingException ex)
        {
            throw new MySqlDecodingException($"column {column} ({columns[column].DisplayName}, {columns[column].Type}): {DecodingErrors.BareMessage(ex)}", ex.Offset, ex);
        }
        catch (Exception ex) when (!DecodingErrors.IsFatal(ex))
        {
            throw DecodingErrors.Foreign(ex, reader.Offset, $"column {column} ({columns[column].DisplayName}, {columns[column].Type})");
        }

        // Absent columns share the event's bitmap as their IsPresent answer; RowImage never writes to it.
        return new RowImage(values, present);
    }
}
