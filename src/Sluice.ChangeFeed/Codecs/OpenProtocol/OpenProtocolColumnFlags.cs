using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs.OpenProtocol;

/// <summary>The column flag bits open-protocol writes as <c>"f"</c>.</summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-open-protocol#bit-flags-of-columns</remarks>
[Flags]
public enum OpenProtocolColumnFlags
{
    None = 0,
    Binary = 1,
    HandleKey = 2,
    Generated = 4,
    PrimaryKey = 8,
    UniqueKey = 16,
    MultipleKey = 32,
    Nullable = 64,
    Unsigned = 128,
}

/// <summary>Computes a column's <see cref="OpenProtocolColumnFlags"/>.</summary>
internal static class OpenProtocolFlags
{
    /// <summary>
    /// The flags of <paramref name="column"/>. Binary follows TiDB, where every column without a character set has the
    /// binary one: binary strings and BLOBs, and also numbers, temporal types, BIT and JSON (as TiCDC sends them).
    /// Generated columns are not told apart by the change model, so that bit is never set.
    /// </summary>
    public static OpenProtocolColumnFlags Of(ChangeColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var flags = OpenProtocolColumnFlags.None;
        var code = TiDbTypeCode.Of(column);
        var hasCharset = TiDbTypeCode.IsChar(code) || TiDbTypeCode.IsBlob(code) || code is TiDbTypeCode.Enum or TiDbTypeCode.Set;
        if (column.IsBinary || !hasCharset)
            flags |= OpenProtocolColumnFlags.Binary;
        if (column.IsHandleKey)
            flags |= OpenProtocolColumnFlags.HandleKey;
        if (column.IsPrimaryKey)
            flags |= OpenProtocolColumnFlags.PrimaryKey;
        if ((column.Key & ColumnKeyFlags.UniqueKey) != 0)
            flags |= OpenProtocolColumnFlags.UniqueKey;
        if ((column.Key & ColumnKeyFlags.MultipleKey) != 0)
            flags |= OpenProtocolColumnFlags.MultipleKey;
        if (column.IsNullable)
            flags |= OpenProtocolColumnFlags.Nullable;
        if (column.IsUnsigned)
            flags |= OpenProtocolColumnFlags.Unsigned;
        return flags;
    }
}
