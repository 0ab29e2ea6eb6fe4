using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Codecs;

/// <summary>
/// The MySQL type byte TiDB gives a column (its <c>FieldType.GetType()</c>), which TiCDC's protocols write: the binlog's
/// temporal v2 codes (TIMESTAMP2, DATETIME2, TIME2) become the plain ones, VAR_STRING and VARCHAR are 15, and the
/// BLOB/TEXT family is told apart by its declared size (TiDB keeps TINYBLOB 249 … LONGBLOB 251, BLOB 252).
/// </summary>
/// <remarks>https://github.com/pingcap/tidb/blob/master/pkg/parser/mysql/type.go</remarks>
internal static class TiDbTypeCode
{
    public const byte Decimal = 0;
    public const byte Tiny = 1;
    public const byte Short = 2;
    public const byte Long = 3;
    public const byte Float = 4;
    public const byte Double = 5;
    public const byte Timestamp = 7;
    public const byte LongLong = 8;
    public const byte Int24 = 9;
    public const byte Date = 10;
    public const byte Duration = 11;
    public const byte DateTime = 12;
    public const byte Year = 13;
    public const byte VarChar = 15;
    public const byte Bit = 16;
    public const byte Json = 245;
    public const byte NewDecimal = 246;
    public const byte Enum = 247;
    public const byte Set = 248;
    public const byte TinyBlob = 249;
    public const byte MediumBlob = 250;
    public const byte LongBlob = 251;
    public const byte Blob = 252;
    public const byte VarString = 253;
    public const byte String = 254;
    public const byte Geometry = 255;

    public static byte Of(ChangeColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (string.Equals(column.DataType, "json", StringComparison.OrdinalIgnoreCase))
            return Json;
        return column.Type switch
        {
            ColumnType.Decimal or ColumnType.NewDecimal => NewDecimal,
            ColumnType.Tiny or ColumnType.Bool => Tiny,
            ColumnType.Short => Short,
            ColumnType.Long => Long,
            ColumnType.Float => Float,
            ColumnType.Double => Double,
            ColumnType.Null => 6,
            ColumnType.Timestamp or ColumnType.Timestamp2 => Timestamp,
            ColumnType.LongLong => LongLong,
            ColumnType.Int24 => Int24,
            ColumnType.Date or ColumnType.NewDate => Date,
            ColumnType.Time or ColumnType.Time2 => Duration,
            ColumnType.DateTime or ColumnType.DateTime2 => DateTime,
            ColumnType.Year => Year,
            ColumnType.VarChar or ColumnType.VarString or ColumnType.VarCharCompressed => VarChar,
            ColumnType.Bit => Bit,
            ColumnType.Json => Json,
            ColumnType.Enum => Enum,
            ColumnType.Set => Set,
            ColumnType.TinyBlob or ColumnType.MediumBlob or ColumnType.LongBlob or ColumnType.Blob or ColumnType.BlobCompressed => BlobBySize(column),
            ColumnType.String => String,
            ColumnType.Geometry => Geometry,
            _ => VarChar,
        };
    }

    public static bool IsBlob(byte code) => code is TinyBlob or MediumBlob or LongBlob or Blob;

    public static bool IsChar(byte code) => code is VarChar or VarString or String;

    private static byte BlobBySize(ChangeColumn column) => column.DataType.ToLowerInvariant() switch
    {
        "tinyblob" or "tinytext" => TinyBlob,
        "mediumblob" or "mediumtext" => MediumBlob,
        "longblob" or "longtext" => LongBlob,
        _ => Blob,
    };
}
