namespace Sluice.MySql.Binlog.Rows;

/// <summary>Type bytes of MySQL's binary JSON (JSONB_TYPE_* in json_binary.h).</summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/json__binary_8h.html</remarks>
internal static class JsonBinaryType
{
    public const byte SmallObject = 0x00;
    public const byte LargeObject = 0x01;
    public const byte SmallArray = 0x02;
    public const byte LargeArray = 0x03;
    public const byte Literal = 0x04;
    public const byte Int16 = 0x05;
    public const byte UInt16 = 0x06;
    public const byte Int32 = 0x07;
    public const byte UInt32 = 0x08;
    public const byte Int64 = 0x09;
    public const byte UInt64 = 0x0A;
    public const byte Double = 0x0B;
    public const byte String = 0x0C;

    /// <summary>Custom data: a MySQL column type byte, a variable-length size, then that type's bytes.</summary>
    public const byte Opaque = 0x0F;

    public const byte NullLiteral = 0x00;
    public const byte TrueLiteral = 0x01;
    public const byte FalseLiteral = 0x02;

    /// <summary>
    /// Values stored in the value entry itself instead of at an offset: literals and 16-bit integers always,
    /// 32-bit integers only in large containers, whose entries have 4-byte offset fields.
    /// </summary>
    public static bool IsInlined(byte type, bool large) => type switch
    {
        Literal or Int16 or UInt16 => true,
        Int32 or UInt32 => large,
        _ => false,
    };
}
