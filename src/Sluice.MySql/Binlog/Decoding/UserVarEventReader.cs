using System.Buffers.Binary;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Decoding;

/// <summary>
/// USER_VAR_EVENT: name length (4), name, is-NULL (1); when not NULL: value type (1, Item_result), collation (4),
/// value length (4), value, and on servers since 5.6 a flags byte (bit 0: unsigned integer).
/// Values: STRING in its collation, REAL an 8-byte double, INT 8 bytes, DECIMAL precision (1), scale (1) and
/// the binary decimal, returned as its text.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1User__var__event.html ,
/// https://mariadb.com/kb/en/user_var_event/</remarks>
internal static class UserVarEventReader
{
    private const byte UnsignedFlag = 0x01;

    public static UserVarEvent Read(BinlogEventHeader header, ref ByteReader reader)
    {
        var nameOffset = reader.Offset;
        var nameLength = reader.ReadUInt32();
        if (nameLength > (uint)reader.Remaining)
            throw new MySqlDecodingException($"expected a user variable name of {nameLength} bytes, found {reader.Remaining}", nameOffset);
        var name = reader.ReadString((int)nameLength);
        var isNull = reader.ReadByte() != 0;
        if (isNull)
            return new UserVarEvent(header, name, isNull: true, UserVarType.String, 0, null, 0);

        var typeOffset = reader.Offset;
        var type = reader.ReadByte();
        var collationId = reader.ReadUInt32();
        var valueOffset = reader.Offset;
        var valueLength = reader.ReadUInt32();
        if (valueLength > (uint)reader.Remaining)
            throw new MySqlDecodingException($"expected a user variable value of {valueLength} bytes, found {reader.Remaining}", valueOffset);
        var value = reader.ReadBytes((int)valueLength);
        var flags = reader.IsAtEnd ? (byte)0 : reader.ReadByte();

        object decoded = (UserVarType)type switch
        {
            UserVarType.String => StatementText.Decode(value, collationId),
            UserVarType.Real => BinaryPrimitives.ReadDoubleLittleEndian(Exactly(value, 8, valueOffset)),
            UserVarType.Int when (flags & UnsignedFlag) != 0 => BinaryPrimitives.ReadUInt64LittleEndian(Exactly(value, 8, valueOffset)),
            UserVarType.Int => BinaryPrimitives.ReadInt64LittleEndian(Exactly(value, 8, valueOffset)),
            UserVarType.Decimal => DecimalText(value, valueOffset),
            _ => throw new MySqlDecodingException($"expected a user variable type 0 (STRING), 1 (REAL), 2 (INT) or 4 (DECIMAL), found {type}", typeOffset),
        };
        return new UserVarEvent(header, name, isNull: false, (UserVarType)type, collationId, decoded, flags);
    }

    private static ReadOnlySpan<byte> Exactly(ReadOnlySpan<byte> value, int length, int offset) =>
        value.Length == length
            ? value
            : throw new MySqlDecodingException($"expected a {length}-byte user variable value, found {value.Length} bytes", offset);

    // precision (1), scale (1), then the value in MySQL's binary DECIMAL form, printed as SELECT prints it.
    private static string DecimalText(ReadOnlySpan<byte> value, int offset)
    {
        if (value.Length < 2)
            throw new MySqlDecodingException($"expected a DECIMAL's precision and scale, found {value.Length} bytes", offset);
        return DecimalBinary.Decode(value[2..], value[0], value[1], offset).ToString();
    }
}
