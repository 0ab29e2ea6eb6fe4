using System.Globalization;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Sinks.Storage;

/// <summary>
/// One column of a storage sink schema file (<c>TableColumns</c>): TiDB's type name in upper case with UNSIGNED,
/// and, as strings, the precision (display width, length, or digits), the scale (decimals or fractional seconds),
/// <c>"false"</c> for NOT NULL and <c>"true"</c> for a primary key column; absent parts are left out.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-cloud-storage#data-type</remarks>
public sealed record TableDefinitionColumn(string Name, string Type, string? Precision, string? Scale, string? Nullable, string? IsPk)
{
    public static TableDefinitionColumn From(ChangeColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var dataType = column.DataType.ToLowerInvariant();
        var type = dataType.ToUpperInvariant() + (column.IsUnsigned ? " UNSIGNED" : string.Empty);
        var (m, d) = Declared(column.ColumnTypeText);
        string? precision = null;
        string? scale = null;
        switch (dataType)
        {
            // Without a declared width (MySQL 8.0.19 and later print none), the width MySQL 5.7 and TiDB give the type.
            case "tinyint":
                precision = Text(m ?? (column.IsUnsigned ? 3 : 4));
                break;
            case "smallint":
                precision = Text(m ?? (column.IsUnsigned ? 5 : 6));
                break;
            case "mediumint":
                precision = Text(m ?? (column.IsUnsigned ? 8 : 9));
                break;
            case "int" or "integer":
                precision = Text(m ?? (column.IsUnsigned ? 10 : 11));
                break;
            case "bigint":
                precision = Text(m ?? 20);
                break;
            case "bit":
                precision = Text(m ?? (column.Length > 0 ? column.Length : 1));
                break;
            case "year":
                precision = Text(m ?? 4);
                break;
            case "float":
                precision = Text(m ?? 12);
                scale = d is > 0 ? Text(d.Value) : null;
                break;
            case "double" or "real":
                precision = Text(m ?? 22);
                scale = d is > 0 ? Text(d.Value) : null;
                break;
            case "decimal" or "numeric":
                precision = Text(m ?? (column.Precision > 0 ? column.Precision : 10));
                scale = Text(d ?? column.Scale);
                break;
            case "time" or "datetime" or "timestamp":
                var fsp = m ?? column.Precision;
                scale = fsp > 0 ? Text(fsp) : null;
                break;
            case "char" or "varchar" or "binary" or "varbinary":
                precision = Text(m ?? column.Length);
                break;
            case "tinytext" or "tinyblob":
                precision = Text(m ?? 255);
                break;
            case "text" or "blob":
                precision = Text(m ?? 65535);
                break;
            case "mediumtext" or "mediumblob":
                precision = Text(m ?? 16777215);
                break;
            case "longtext" or "longblob":
                precision = Text(m ?? 4294967295);
                break;
        }

        return new TableDefinitionColumn(
            column.Name,
            type,
            precision,
            scale,
            column.IsNullable ? null : "false",
            column.IsPrimaryKey ? "true" : null);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The M and D of a declared <c>type(M[,D])</c>; null where not written.</summary>
    private static (long? M, int? D) Declared(string columnType)
    {
        var open = columnType.IndexOf('(', StringComparison.Ordinal);
        var close = open >= 0 ? columnType.IndexOf(')', open) : -1;
        if (close < 0)
            return (null, null);
        var inside = columnType.AsSpan(open + 1, close - open - 1);
        var comma = inside.IndexOf(',');
        var mText = comma >= 0 ? inside[..comma] : inside;
        if (!long.TryParse(mText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            return (null, null);
        if (comma < 0)
            return (m, null);
        return int.TryParse(inside[(comma + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? (m, d) : (m, null);
    }
}
