using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>YEAR: one byte, 0 for the zero year, else years after 1900 → int (0 or 1901..2155).</summary>
internal sealed class YearColumnReader : ColumnReader
{
    public static readonly YearColumnReader Instance = new();

    public override object Read(ref ByteReader reader)
    {
        var value = reader.ReadByte();
        return value == 0 ? 0 : 1900 + value;
    }
}

/// <summary>DATE (NEWDATE): 3 bytes little-endian, day in bits 0-4, month in 5-8, year above → <see cref="MySqlDate"/>.</summary>
internal sealed class DateColumnReader : ColumnReader
{
    public static readonly DateColumnReader Instance = new();

    public override object Read(ref ByteReader reader)
    {
        var offset = reader.Offset;
        var packed = reader.ReadUInt24();
        var day = (int)(packed & 31);
        var month = (int)((packed >> 5) & 15);
        var year = (int)(packed >> 9);
        if (month > 12 || year > 9999)
            throw new MySqlDecodingException($"expected a DATE, found year {year} month {month}", offset);
        return new MySqlDate(year, month, day);
    }
}
