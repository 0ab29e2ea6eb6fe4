using System.Text;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>NEWDECIMAL: the packed binary decimal of <see cref="DecimalBinary"/> → <see cref="MySqlDecimal"/>.</summary>
internal sealed class NewDecimalColumnReader(int precision, int scale) : ColumnReader
{
    private readonly int _size = DecimalBinary.Size(precision, scale);

    public override object Read(ref ByteReader reader)
    {
        var offset = reader.Offset;
        return DecimalBinary.Decode(reader.ReadBytes(_size), precision, scale, offset);
    }
}

/// <summary>
/// The pre-5.0 DECIMAL (type 0): the number as space-padded ASCII text of the field's length. Servers write
/// no TABLE_MAP metadata for it (mysqlbinlog prints "Not enough metadata"), so the length must come from
/// elsewhere; see <see cref="ColumnInfo.Metadata"/>.
/// </summary>
internal sealed class OldDecimalColumnReader(int length) : ColumnReader
{
    public override object Read(ref ByteReader reader)
    {
        var offset = reader.Offset;
        var bytes = reader.ReadBytes(length);
        Span<char> text = stackalloc char[length];
        for (var i = 0; i < bytes.Length; i++)
            text[i] = (char)bytes[i];
        if (!MySqlDecimal.TryParse(text.Trim(' '), out var value))
            throw new MySqlDecodingException($"expected an old DECIMAL as text, found '{Encoding.Latin1.GetString(bytes)}'", offset);
        return value;
    }
}
