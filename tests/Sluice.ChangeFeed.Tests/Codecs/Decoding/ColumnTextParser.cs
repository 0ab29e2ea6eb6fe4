using System.Globalization;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Tests.Codecs.Decoding;

/// <summary>How a text protocol wrote the values that are not plain text.</summary>
/// <param name="Bytes">Binary strings and BLOBs back to bytes (ISO-8859-1 chars for canal-json; base64 or hex for csv).</param>
/// <param name="MembersAsNumbers">ENUM as its index and SET as its bitmask (canal-json), else by member names (csv).</param>
public sealed record TextValueForm(Func<string, byte[]> Bytes, bool MembersAsNumbers)
{
    public static TextValueForm CanalJson { get; } = new(text => System.Text.Encoding.Latin1.GetBytes(text), MembersAsNumbers: true);

    public static TextValueForm Csv(string binaryEncodingMethod) => new(
        binaryEncodingMethod == "hex" ? Convert.FromHexString : Convert.FromBase64String,
        MembersAsNumbers: false);
}

/// <summary>
/// Turns a column's text from canal-json or csv back into the value the binlog decoder gives (long, ulong, float,
/// double, MySqlDecimal, int for YEAR, MySqlDate, MySqlTime, MySqlDateTime, MySqlTimestamp, string, byte[], ulong for BIT).
/// </summary>
public static class ColumnTextParser
{
    public static object? Parse(ChangeColumn column, string? text, TextValueForm form)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(form);
        if (text is null)
            return null;
        var invariant = CultureInfo.InvariantCulture;
        switch (column.Type)
        {
            case ColumnType.Tiny or ColumnType.Short or ColumnType.Int24 or ColumnType.Long or ColumnType.LongLong or ColumnType.Bool:
                return column.IsUnsigned ? ulong.Parse(text, invariant) : long.Parse(text, NumberStyles.AllowLeadingSign, invariant);
            case ColumnType.Float:
                return float.Parse(text, NumberStyles.Float, invariant);
            case ColumnType.Double:
                return double.Parse(text, NumberStyles.Float, invariant);
            case ColumnType.Decimal or ColumnType.NewDecimal:
                return MySqlDecimal.Parse(text);
            case ColumnType.Year:
                return int.Parse(text, invariant);
            case ColumnType.Bit:
                return ulong.Parse(text, invariant);
            case ColumnType.Date or ColumnType.NewDate:
                return ParseDate(text);
            case ColumnType.Time or ColumnType.Time2:
                return ParseTime(text);
            case ColumnType.DateTime or ColumnType.DateTime2:
                return ParseDateTime(text);
            case ColumnType.Timestamp or ColumnType.Timestamp2:
                var dateTime = ParseDateTime(text);
                if (dateTime.IsZero)
                    return new MySqlTimestamp(0, 0, dateTime.Precision);
                var instant = new DateTimeOffset(dateTime.Year, dateTime.Month, dateTime.Day, dateTime.Hour, dateTime.Minute, dateTime.Second, TimeSpan.Zero);
                return new MySqlTimestamp(instant.ToUnixTimeSeconds(), dateTime.Microseconds, dateTime.Precision);
            case ColumnType.Enum:
                return form.MembersAsNumbers ? EnumName(column, ulong.Parse(text, invariant)) : text;
            case ColumnType.Set:
                return form.MembersAsNumbers ? SetNames(column, ulong.Parse(text, invariant)) : text;
            default:
                return column.IsBinary ? form.Bytes(text) : text;
        }
    }

    private static MySqlDate ParseDate(string text)
    {
        var parts = text.Split('-');
        return new MySqlDate(Int(parts[0]), Int(parts[1]), Int(parts[2]));
    }

    private static MySqlDateTime ParseDateTime(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var date = ParseDate(text[..space]);
        var time = ParseTime(text[(space + 1)..]);
        return new MySqlDateTime(date.Year, date.Month, date.Day, time.Hours, time.Minutes, time.Seconds, time.Microseconds, time.Precision);
    }

    private static MySqlTime ParseTime(string text)
    {
        var negative = text.StartsWith('-');
        if (negative)
            text = text[1..];
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var fraction = dot < 0 ? string.Empty : text[(dot + 1)..];
        var clock = (dot < 0 ? text : text[..dot]).Split(':');
        var micros = fraction.Length == 0 ? 0 : Int(fraction.PadRight(6, '0'));
        return new MySqlTime(negative, Int(clock[0]), Int(clock[1]), Int(clock[2]), micros, fraction.Length);
    }

    private static string EnumName(ChangeColumn column, ulong index) =>
        index == 0 ? string.Empty : column.Members![(int)index - 1];

    private static string SetNames(ChangeColumn column, ulong mask) =>
        string.Join(',', column.Members!.Where((_, i) => (mask & (1UL << i)) != 0));

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
