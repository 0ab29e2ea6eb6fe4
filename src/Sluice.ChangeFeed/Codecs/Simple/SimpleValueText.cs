using System.Globalization;
using System.Text;
using System.Text.Json;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Codecs.Simple;

/// <summary>
/// Column values in the simple protocol's JSON: every value a string (numbers in decimal without exponent, ENUM as its
/// index, SET as its bitmask, BIT as its number, binary strings base64), TIMESTAMP as {"location", "value"}.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-simple-protocol</remarks>
internal static class SimpleValueText
{
    /// <summary>The time zone TIMESTAMP values are written in: Sluice reads them from the binlog in UTC.</summary>
    public const string Location = "UTC";

    public static void WriteRow(Utf8JsonWriter json, string property, ChangeTable table, IReadOnlyList<object?> values)
    {
        // Go's encoding/json writes map keys sorted; consumers see the same order from Sluice.
        var order = Enumerable.Range(0, table.Columns.Count).OrderBy(i => table.Columns[i].Name, StringComparer.Ordinal);
        json.WriteStartObject(property);
        foreach (var i in order)
        {
            var column = table.Columns[i];
            json.WritePropertyName(column.Name);
            Write(json, column, values[i]);
        }

        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, ChangeColumn column, object? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
            return;
        }

        if (column.Type is ColumnType.Timestamp or ColumnType.Timestamp2)
        {
            json.WriteStartObject();
            json.WriteString("location", Location);
            json.WriteString("value", ColumnValueText.Format(value));
            json.WriteEndObject();
            return;
        }

        json.WriteStringValue(Text(column, value));
    }

    public static string Text(ChangeColumn column, object value)
    {
        switch (column.Type)
        {
            case ColumnType.Enum or ColumnType.Set when value is string member:
                return (ColumnValueText.MemberNumber(column, member) ?? 0).ToString(CultureInfo.InvariantCulture);
            case ColumnType.Bit:
                return BitNumber(value).ToString(CultureInfo.InvariantCulture);
        }

        return value switch
        {
            float f => PlainNumber(f.ToString("R", CultureInfo.InvariantCulture)),
            double d => PlainNumber(d.ToString("R", CultureInfo.InvariantCulture)),
            byte[] bytes when column.IsBinary || column.Type == ColumnType.Geometry => Convert.ToBase64String(bytes),
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string s when column.IsBinary => Convert.ToBase64String(ColumnValueText.Latin1.GetBytes(s)),
            _ => ColumnValueText.Format(value)!,
        };
    }

    private static ulong BitNumber(object value) => value switch
    {
        ulong u => u,
        long l => unchecked((ulong)l),
        byte[] bytes => bytes.Aggregate(0UL, (bits, b) => (bits << 8) | b),
        _ => Convert.ToUInt64(value, CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A shortest round-trip number without an exponent ("1E+20" becomes "100000000000000000000"), as Go's
    /// strconv.FormatFloat(v, 'f', -1, …) prints it.
    /// </summary>
    internal static string PlainNumber(string roundTrip)
    {
        var e = roundTrip.IndexOfAny(['E', 'e']);
        if (e < 0)
            return roundTrip;
        var exponent = int.Parse(roundTrip.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = roundTrip[..e];
        var negative = mantissa.StartsWith('-');
        if (negative)
            mantissa = mantissa[1..];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var intDigits = (point < 0 ? mantissa.Length : point) + exponent;
        string text;
        if (intDigits <= 0)
            text = "0." + new string('0', -intDigits) + digits;
        else if (intDigits >= digits.Length)
            text = digits + new string('0', intDigits - digits.Length);
        else
            text = digits[..intDigits] + "." + digits[intDigits..];
        text = text.TrimStart('0');
        if (text.Length == 0 || text[0] == '.')
            text = "0" + text;
        if (text.Contains('.', StringComparison.Ordinal))
            text = text.TrimEnd('0').TrimEnd('.');
        return negative ? "-" + text : text;
    }
}
