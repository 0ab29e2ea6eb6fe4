using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs.CanalJson;

/// <summary>
/// The <c>java.sql.Types</c> codes canal-json's <c>sqlType</c> gives each column, mapped from the MySQL type as
/// TiCDC maps it (after Canal's <c>RowsLogBuffer</c>), with unsigned integers promoted by value as Canal does.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-canal-json#sql-type-field,
/// https://docs.oracle.com/javase/8/docs/api/java/sql/Types.html</remarks>
internal enum JavaSqlType
{
    Bit = -7,
    TinyInt = -6,
    BigInt = -5,
    Binary = -2,
    Char = 1,
    Decimal = 3,
    Integer = 4,
    SmallInt = 5,
    Real = 7,
    Double = 8,
    VarChar = 12,
    Date = 91,
    Time = 92,
    Timestamp = 93,
    Blob = 2004,
    Clob = 2005,
}

/// <summary>Chooses a column's <see cref="JavaSqlType"/>.</summary>
internal static class JavaSqlTypes
{
    /// <summary>The code for <paramref name="column"/> holding <paramref name="value"/> (the row's current value; null allowed).</summary>
    public static JavaSqlType Of(ChangeColumn column, object? value)
    {
        ArgumentNullException.ThrowIfNull(column);
        var code = TiDbTypeCode.Of(column);
        var type = ForType(code, column.IsBinary);
        if (!column.IsUnsigned || value is null)
            return type;

        // Canal widens an UNSIGNED integer whose value does not fit the signed Java type of its width.
        var number = value switch
        {
            ulong u => u,
            long l when l >= 0 => (ulong)l,
            _ => 0UL,
        };
        return code switch
        {
            TiDbTypeCode.Tiny when number > (ulong)sbyte.MaxValue => JavaSqlType.SmallInt,
            TiDbTypeCode.Short when number > (ulong)short.MaxValue => JavaSqlType.Integer,
            TiDbTypeCode.Long when number > (ulong)int.MaxValue => JavaSqlType.BigInt,
            TiDbTypeCode.LongLong when number > (ulong)long.MaxValue => JavaSqlType.Decimal,
            _ => type,
        };
    }

    private static JavaSqlType ForType(byte code, bool isBinary) => code switch
    {
        TiDbTypeCode.Tiny => JavaSqlType.TinyInt,
        TiDbTypeCode.Short => JavaSqlType.SmallInt,
        TiDbTypeCode.Long or TiDbTypeCode.Int24 => JavaSqlType.Integer,
        TiDbTypeCode.LongLong => JavaSqlType.BigInt,
        TiDbTypeCode.Float => JavaSqlType.Real,
        TiDbTypeCode.Double => JavaSqlType.Double,
        TiDbTypeCode.NewDecimal or TiDbTypeCode.Decimal => JavaSqlType.Decimal,
        TiDbTypeCode.Timestamp or TiDbTypeCode.DateTime => JavaSqlType.Timestamp,
        TiDbTypeCode.Date => JavaSqlType.Date,
        TiDbTypeCode.Duration => JavaSqlType.Time,
        TiDbTypeCode.Year => JavaSqlType.VarChar,
        TiDbTypeCode.Enum => JavaSqlType.Integer,
        TiDbTypeCode.Set or TiDbTypeCode.Bit => JavaSqlType.Bit,
        TiDbTypeCode.Json => JavaSqlType.VarChar,
        TiDbTypeCode.TinyBlob or TiDbTypeCode.MediumBlob or TiDbTypeCode.LongBlob or TiDbTypeCode.Blob =>
            isBinary ? JavaSqlType.Blob : JavaSqlType.Clob,
        TiDbTypeCode.VarChar or TiDbTypeCode.VarString => isBinary ? JavaSqlType.Blob : JavaSqlType.VarChar,
        TiDbTypeCode.String => isBinary ? JavaSqlType.Blob : JavaSqlType.Char,
        TiDbTypeCode.Geometry => JavaSqlType.Binary,
        _ => JavaSqlType.VarChar,
    };
}
