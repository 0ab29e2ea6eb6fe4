using System.Text;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>
/// A captured table's columns as the writer pieces of Sluice.Replication describe them (<see cref="ColumnInfo"/>, as
/// a TABLE_MAP would), so that <see cref="SqlValueWriter"/> writes each value as the binlog apply path does: ENUM and
/// SET by index and mask, DECIMAL cast to its type in a key, text of a non-UTF-8 charset as its bytes.
/// </summary>
internal static class TargetColumns
{
    /// <param name="primaryKey">The target's primary key columns (its keys decide how rows are found there), or none.</param>
    public static ColumnInfo[] For(ChangeTable table, IReadOnlyList<string> primaryKey)
    {
        var columns = new ColumnInfo[table.Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var column = table.Columns[i];
            columns[i] = new ColumnInfo
            {
                Index = i,
                Name = column.Name,
                Type = column.Type,
                WireType = column.Type,
                // Only DECIMAL's metadata matters to the writer: precision and scale, for the CAST of a key value.
                Metadata = column.Type == ColumnType.NewDecimal ? (ushort)((column.Precision << 8) | (column.Scale & 0xFF)) : (ushort)0,
                IsNullable = column.IsNullable,
                IsUnsigned = column.IsUnsigned,
                Encoding = EncodingOf(column),
                EnumValues = column.Type == ColumnType.Enum ? column.Members?.ToArray() : null,
                SetValues = column.Type == ColumnType.Set ? column.Members?.ToArray() : null,
                IsPrimaryKey = primaryKey.Contains(column.Name, StringComparer.OrdinalIgnoreCase),
            };
        }

        return columns;
    }

    private static Encoding? EncodingOf(ChangeColumn column)
    {
        var text = column.Type is ColumnType.String or ColumnType.VarChar or ColumnType.VarString or ColumnType.Enum or ColumnType.Set
            or ColumnType.Blob or ColumnType.TinyBlob or ColumnType.MediumBlob or ColumnType.LongBlob;
        if (!text || column.IsBinary)
            return null;
        if (column.Charset is { } charset)
            return Charsets.FromCharsetName(charset) ?? Encoding.UTF8;
        // Without a charset a BLOB is bytes (values come as byte[] then anyway), CHAR and VARCHAR UTF-8 text.
        return column.Type is ColumnType.Blob or ColumnType.TinyBlob or ColumnType.MediumBlob or ColumnType.LongBlob ? null : Encoding.UTF8;
    }
}
