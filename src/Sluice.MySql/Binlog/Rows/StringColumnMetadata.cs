namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// The two metadata bytes of a MYSQL_TYPE_STRING column, kept in <see cref="ColumnInfo.Metadata"/> as
/// (byte0 &lt;&lt; 8) | byte1. byte0 is the real type: ENUM (247) or SET (248) with byte1 their pack length,
/// or STRING (254) with byte1 the length in bytes. A CHAR longer than 255 bytes (up to 1023: CHAR(255) in a
/// 4-byte charset is 1020) folds the two high bits of its length, inverted, into bits 4-5 of byte0
/// (Field_string::do_save_field_metadata: byte0 = real_type ^ ((length &amp; 0x300) &gt;&gt; 4)).
/// </summary>
/// <remarks>Read back as in log_event.cc log_event_print_value (MYSQL_TYPE_STRING, "a long CHAR() field", bug #37426).</remarks>
internal static class StringColumnMetadata
{
    /// <summary>Resolves the real type and the length (CHAR byte length, or ENUM/SET pack length); false when byte0 is not valid.</summary>
    public static bool TryResolve(ushort metadata, out ColumnType realType, out int length)
    {
        var byte0 = metadata >> 8;
        var byte1 = metadata & 0xFF;
        if (byte0 == 0)
        {
            // No real-type byte: only the length (not written by current servers, kept for safety).
            realType = ColumnType.String;
            length = byte1;
            return true;
        }

        if ((byte0 & 0x30) != 0x30)
        {
            realType = ColumnType.String;
            length = byte1 | (((byte0 & 0x30) ^ 0x30) << 4);
            return (byte0 | 0x30) == (int)ColumnType.String;
        }

        realType = (ColumnType)byte0;
        length = byte1;
        return realType is ColumnType.String or ColumnType.Enum or ColumnType.Set;
    }
}
