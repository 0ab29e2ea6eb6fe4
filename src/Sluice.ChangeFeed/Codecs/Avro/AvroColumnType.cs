using System.Globalization;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Codecs.Avro;

/// <summary>
/// How one column is written in TiCDC's avro: the Avro type, its <c>connect.parameters</c> (tidb_type, and BIT's
/// length, ENUM/SET's allowed members), and DECIMAL's logical type.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-avro-protocol#column-data-format</remarks>
internal sealed record AvroColumnType(string AvroType, string TidbType, IReadOnlyList<KeyValuePair<string, string>> ExtraParameters, int? DecimalPrecision = null, int? DecimalScale = null)
{
    public bool IsDecimal => DecimalPrecision is not null;

    public static AvroColumnType Of(ChangeColumn column, bool decimalAsString, bool bigintUnsignedAsString)
    {
        var unsigned = column.IsUnsigned ? " UNSIGNED" : string.Empty;
        return column.Type switch
        {
            ColumnType.Tiny or ColumnType.Short or ColumnType.Int24 => Plain("int", "INT" + unsigned),
            ColumnType.Long => Plain(column.IsUnsigned ? "long" : "int", "INT" + unsigned),
            ColumnType.LongLong => Plain(column.IsUnsigned && bigintUnsignedAsString ? "string" : "long", "BIGINT" + unsigned),

            // FLOAT is a double since TiCDC v7.0 (pingcap/tiflow#8490).
            ColumnType.Float => Plain("double", "FLOAT"),
            ColumnType.Double => Plain("double", "DOUBLE"),
            ColumnType.Bit => new AvroColumnType("bytes", "BIT", [new("length", BitLength(column).ToString(CultureInfo.InvariantCulture))]),
            ColumnType.NewDecimal or ColumnType.Decimal when decimalAsString => Plain("string", "DECIMAL"),
            ColumnType.NewDecimal or ColumnType.Decimal => new AvroColumnType(
                "bytes", "DECIMAL", [], column.Precision > 0 ? column.Precision : 10, column.Precision > 0 ? column.Scale : 0),
            ColumnType.VarChar or ColumnType.VarString or ColumnType.String or ColumnType.Blob or ColumnType.TinyBlob
                or ColumnType.MediumBlob or ColumnType.LongBlob => column.IsBinary ? Plain("bytes", "BLOB") : Plain("string", "TEXT"),
            ColumnType.Enum => Members(column, "ENUM"),
            ColumnType.Set => Members(column, "SET"),
            ColumnType.Json => Plain("string", "JSON"),
            ColumnType.Date or ColumnType.NewDate => Plain("string", "DATE"),
            ColumnType.DateTime or ColumnType.DateTime2 => Plain("string", "DATETIME"),
            ColumnType.Timestamp or ColumnType.Timestamp2 => Plain("string", "TIMESTAMP"),
            ColumnType.Time or ColumnType.Time2 => Plain("string", "TIME"),
            ColumnType.Year => Plain("int", "YEAR"),
            _ => throw new ChangefeedException(
                "CDC:ErrAvroEncodeFailed",
                $"the avro protocol has no mapping for column {column.Name} of type {column.ColumnTypeText}",
                isRetryable: false),
        };
    }

    private static AvroColumnType Plain(string avroType, string tidbType) => new(avroType, tidbType, []);

    /// <summary>ENUM and SET: a string with the members in "allowed", commas in members escaped as Debezium's parser does.</summary>
    private static AvroColumnType Members(ChangeColumn column, string tidbType)
    {
        var members = (column.Members ?? []).Select(m =>
            m.Replace(",", "\\,", StringComparison.Ordinal).Replace("\\'", "'", StringComparison.Ordinal).Replace("''", "'", StringComparison.Ordinal));
        return new AvroColumnType("string", tidbType, [new("allowed", string.Join(',', members))]);
    }

    private static int BitLength(ChangeColumn column)
    {
        if (column.Length > 0)
            return column.Length;
        var text = column.ColumnTypeText;
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.IndexOf(')', StringComparison.Ordinal);
        return open >= 0 && close > open && int.TryParse(text.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : 1;
    }
}
