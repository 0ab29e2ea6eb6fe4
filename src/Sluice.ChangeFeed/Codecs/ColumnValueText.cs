using System.Globalization;
using System.Text;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Codecs;

/// <summary>
/// The text MySQL shows for a captured value (what <c>SELECT</c> prints), the form text-based protocols write:
/// numbers in invariant culture, DECIMAL exactly, temporal values as <c>2024-01-15 10:00:00.123</c>, ENUM and SET by
/// name, text as is. Bytes are left to each protocol (<see cref="IsBytes"/>), which encode them its own way.
/// </summary>
public static class ColumnValueText
{
    /// <summary>The value's text; null for SQL NULL. Bytes are decoded as ISO-8859-1 (one char per byte), as canal-json does.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => FormatDouble(d),
        float f => FormatFloat(f),
        byte[] bytes => Latin1.GetString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    public static bool IsBytes(object? value) => value is byte[];

    /// <summary>True when the column holds bytes rather than text (BINARY, VARBINARY, BLOB, GEOMETRY).</summary>
    public static bool IsBinaryColumn(ChangeColumn column) => column.IsBinary;

    /// <summary>ISO-8859-1: the one-byte-per-char mapping canal-json and open-protocol use for binary values.</summary>
    public static Encoding Latin1 { get; } = Encoding.Latin1;

    /// <summary>A DOUBLE as MySQL prints it: shortest round-trip digits, no exponent below 1e15.</summary>
    public static string FormatDouble(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A FLOAT as MySQL prints it (shortest digits that round-trip as a float).</summary>
    public static string FormatFloat(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The ENUM index or SET bitmask of a member text, for protocols that send numbers (open-protocol, avro); null when not a member.</summary>
    public static ulong? MemberNumber(ChangeColumn column, string text)
    {
        if (column.Members is not { } members)
            return null;
        if (column.Type == ColumnType.Enum)
        {
            for (var i = 0; i < members.Count; i++)
            {
                if (string.Equals(members[i], text, StringComparison.OrdinalIgnoreCase))
                    return (ulong)(i + 1);
            }

            return text.Length == 0 ? 0 : null;
        }

        ulong mask = 0;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var found = false;
            for (var i = 0; i < members.Count; i++)
            {
                if (string.Equals(members[i], part, StringComparison.OrdinalIgnoreCase))
                {
                    mask |= 1UL << i;
                    found = true;
                    break;
                }
            }

            if (!found)
                return null;
        }

        return mask;
    }
}
