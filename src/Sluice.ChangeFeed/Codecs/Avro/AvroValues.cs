using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using Avro;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Codecs.Avro;

/// <summary>
/// Column values as the Avro datum holds them: int/long for integers (BIGINT UNSIGNED as the long of the same bits,
/// or its decimal text), double for FLOAT and DOUBLE, DECIMAL as the decimal logical type or its text, BIT as its
/// big-endian bytes without leading zero bytes, temporal values as MySQL's text.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-avro-protocol#column-data-format</remarks>
internal static class AvroValues
{
    public static object? Convert(ChangeColumn column, AvroColumnType type, object? value)
    {
        if (value is null)
            return null;
        switch (column.Type)
        {
            case ColumnType.Tiny or ColumnType.Short or ColumnType.Int24 or ColumnType.Year:
                return unchecked((int)Int64(value));
            case ColumnType.Long when column.IsUnsigned:
                return Int64(value);
            case ColumnType.Long:
                return unchecked((int)Int64(value));
            case ColumnType.LongLong when type.AvroType == "string":
                return ColumnValueText.Format(value);
            case ColumnType.LongLong:
                return Int64(value);
            case ColumnType.Float or ColumnType.Double:
                return value is float f ? (double)f : System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
            case ColumnType.Bit:
                return BitBytes(value);
            case ColumnType.NewDecimal or ColumnType.Decimal:
                return type.IsDecimal ? Decimal(ColumnValueText.Format(value)!, type.DecimalScale!.Value) : ColumnValueText.Format(value);
        }

        return value switch
        {
            byte[] bytes when type.AvroType == "bytes" => bytes,
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string s when type.AvroType == "bytes" => ColumnValueText.Latin1.GetBytes(s),
            _ => ColumnValueText.Format(value),
        };
    }

    private static long Int64(object value) => value switch
    {
        long l => l,
        ulong u => unchecked((long)u),
        int i => i,
        _ => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The value's big-endian bytes with leading zero bytes cut, at least one byte (TiDB's BinaryLiteral of a uint64).</summary>
    private static byte[] BitBytes(object value)
    {
        var bits = value switch
        {
            ulong u => u,
            long l => unchecked((ulong)l),
            byte[] bytes => bytes.Aggregate(0UL, (acc, b) => (acc << 8) | b),
            _ => System.Convert.ToUInt64(value, CultureInfo.InvariantCulture),
        };
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, bits);
        var start = 0;
        while (start < 7 && buffer[start] == 0)
            start++;
        return buffer[start..].ToArray();
    }

    /// <summary>The DECIMAL's unscaled value at the schema's scale (the column's own scale, so nothing is rounded).</summary>
    private static AvroDecimal Decimal(string text, int scale)
    {
        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        var point = digits.IndexOf('.', StringComparison.Ordinal);
        var integer = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? string.Empty : digits[(point + 1)..];
        fraction = fraction.Length >= scale ? fraction[..scale] : fraction.PadRight(scale, '0');
        var unscaled = BigInteger.Parse(integer + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        return new AvroDecimal(negative ? -unscaled : unscaled, scale);
    }
}
