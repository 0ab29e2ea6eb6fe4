using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Codecs.CanalJson;

/// <summary>
/// canal-json's text of a value and of a column's type, as TiCDC writes them: every value a string (ENUM by index,
/// SET and BIT as numbers, binary strings one char per byte in ISO-8859-1, FLOAT and DOUBLE in plain decimals), and
/// the type as its bare name with " unsigned" (TiCDC leaves out lengths and members unless content-compatible).
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-canal-json#mysql-type-field</remarks>
internal static class CanalJsonValue
{
    public static string? Format(ChangeColumn column, object? value) => value switch
    {
        null => null,
        _ when column.Type == ColumnType.Bit => TiCdcColumnValue.Bits(value).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ when column.Type is ColumnType.Enum or ColumnType.Set => FormatMember(column, value),
        float f => GoFloatText.Fixed(f, single: true),
        double d => GoFloatText.Fixed(d, single: column.Type == ColumnType.Float),
        _ => ColumnValueText.Format(value),
    };

    public static string MySqlType(ChangeColumn column)
    {
        var name = column.DataType.ToLowerInvariant();
        return column.IsUnsigned && name is not ("bit" or "year") ? name + " unsigned" : name;
    }

    private static string FormatMember(ChangeColumn column, object value) =>
        TiCdcColumnValue.MemberNumber(column, value)?.ToString(System.Globalization.CultureInfo.InvariantCulture)
        ?? ColumnValueText.Format(value) ?? string.Empty;
}
