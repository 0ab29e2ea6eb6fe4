using System.Buffers.Binary;
using System.Text;
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

    // precision (1), scale (1), then the value in MySQL's binary DECIMAL form; printed as decimal2string does:
    // the integer digits without leading zeros (at least one), then exactly `scale` fraction digits.
    private static string DecimalText(ReadOnlySpan<byte> value, int offset)
    {
        const int maxPrecision = 81; // DECIMAL_MAX_POSSIBLE_PRECISION
        if (value.Length < 2)
            throw new MySqlDecodingException($"expected a DECIMAL's precision and scale, found {value.Length} bytes", offset);
        int precision = value[0];
        int scale = value[1];
        if (precision is 0 or > maxPrecision || scale > precision)
            throw new MySqlDecodingException($"expected a DECIMAL precision of 1..{maxPrecision} and a scale no larger, found ({precision}, {scale})", offset);
        var binary = value[2..];
        if (binary.Length != DecimalBinary.Size(precision, scale))
            throw new MySqlDecodingException($"expected {DecimalBinary.Size(precision, scale)} bytes of DECIMAL({precision},{scale}), found {binary.Length}", offset);

        Span<byte> digits = stackalloc byte[maxPrecision];
        var integerDigits = precision - scale;
        if (!DecimalBinary.TryReadDigits(binary, integerDigits, scale, digits, out var negative))
            throw new MySqlDecodingException($"expected DECIMAL({precision},{scale}) digit groups, found a group out of range", offset);

        var firstDigit = 0;
        while (firstDigit < integerDigits - 1 && digits[firstDigit] == '0')
            firstDigit++;
        var text = new StringBuilder(precision + 3);
        if (negative)
            text.Append('-');
        if (integerDigits == 0)
            text.Append('0');
        for (var i = firstDigit; i < integerDigits; i++)
            text.Append((char)digits[i]);
        if (scale > 0)
        {
            text.Append('.');
            for (var i = integerDigits; i < precision; i++)
                text.Append((char)digits[i]);
        }

        return text.ToString();
    }
}
