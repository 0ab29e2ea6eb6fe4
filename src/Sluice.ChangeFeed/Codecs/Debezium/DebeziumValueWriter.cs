using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Codecs.Debezium;

/// <summary>
/// Writes column values the way TiCDC's debezium protocol does: numbers as JSON numbers (DECIMAL as a double, BIGINT
/// UNSIGNED as the signed 64-bit value of the same bits), BIT(1) as a boolean and wider BITs as little-endian bytes,
/// binary strings base64, temporal values as <see cref="DebeziumTime"/> describes.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-debezium</remarks>
internal static class DebeziumValueWriter
{
    public static void WriteRow(Utf8JsonWriter json, string property, ChangeTable table, IReadOnlyList<object?> values)
    {
        json.WriteStartObject(property);
        for (var i = 0; i < table.Columns.Count; i++)
            Write(json, table.Columns[i], values[i]);
        json.WriteEndObject();
    }

    public static void WriteColumns(Utf8JsonWriter json, ChangeTable table, IReadOnlyList<int> columns, IReadOnlyList<object?> values)
    {
        foreach (var i in columns)
            Write(json, table.Columns[i], values[i]);
    }

    public static void Write(Utf8JsonWriter json, ChangeColumn column, object? value)
    {
        json.WritePropertyName(column.Name);
        if (value is null)
        {
            json.WriteNullValue();
            return;
        }

        switch (column.Type)
        {
            case ColumnType.Bit:
                WriteBit(json, column, ToUInt64(value));
                return;
            case ColumnType.NewDecimal or ColumnType.Decimal:
                json.WriteNumberValue(double.Parse(ColumnValueText.Format(value)!, System.Globalization.CultureInfo.InvariantCulture));
                return;
            case ColumnType.Date or ColumnType.NewDate when value is MySqlDate date:
                WriteNullableNumber(json, column, DebeziumTime.EpochDays(date));
                return;
            case ColumnType.DateTime or ColumnType.DateTime2 when value is MySqlDateTime dateTime:
                WriteNullableNumber(json, column, DebeziumTime.EpochValue(dateTime, column.Precision));
                return;
            case ColumnType.Timestamp or ColumnType.Timestamp2 when value is MySqlTimestamp timestamp:
                json.WriteStringValue(DebeziumTime.ZonedTimestamp(timestamp, column.Precision));
                return;
            case ColumnType.Time or ColumnType.Time2 when value is MySqlTime time:
                json.WriteNumberValue(DebeziumTime.MicroTime(time));
                return;
            case ColumnType.LongLong when value is ulong unsignedBig:
                // Debezium has no unsigned 64-bit type: BIGINT UNSIGNED goes out as the int64 of the same bits.
                json.WriteNumberValue(unchecked((long)unsignedBig));
                return;
        }

        switch (value)
        {
            case long l:
                json.WriteNumberValue(l);
                break;
            case ulong u:
                json.WriteNumberValue(u);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case float f:
                json.WriteNumberValue(f);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case byte[] bytes when column.IsBinary || column.Type == ColumnType.Geometry:
                json.WriteBase64StringValue(bytes);
                break;
            case byte[] bytes:
                json.WriteStringValue(Encoding.UTF8.GetString(bytes));
                break;
            case string s when column.IsBinary:
                json.WriteBase64StringValue(ColumnValueText.Latin1.GetBytes(s));
                break;
            default:
                json.WriteStringValue(ColumnValueText.Format(value));
                break;
        }
    }

    private static void WriteBit(Utf8JsonWriter json, ChangeColumn column, ulong bits)
    {
        var length = DebeziumFieldSchema.BitLength(column);
        if (length == 1)
        {
            json.WriteBooleanValue(bits != 0);
            return;
        }

        // Debezium: "the byte[] contains the bits in little-endian form and is sized to contain the specified number of bits".
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, bits);
        json.WriteBase64StringValue(buffer[..Math.Min(8, (length + 7) / 8)]);
    }

    /// <summary>Zero and invalid dates: 0 for a NOT NULL column, null otherwise (TiCDC's choice).</summary>
    private static void WriteNullableNumber(Utf8JsonWriter json, ChangeColumn column, long? value)
    {
        if (value is { } v)
            json.WriteNumberValue(v);
        else if (column.IsNullable)
            json.WriteNullValue();
        else
            json.WriteNumberValue(0);
    }

    internal static ulong ToUInt64(object value) => value switch
    {
        ulong u => u,
        long l => unchecked((ulong)l),
        int i => unchecked((ulong)i),
        byte[] bytes => BigEndianBits(bytes),
        _ => Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static ulong BigEndianBits(byte[] bytes)
    {
        ulong bits = 0;
        foreach (var b in bytes)
            bits = (bits << 8) | b;
        return bits;
    }
}
