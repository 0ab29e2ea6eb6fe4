using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>FLOAT: 4-byte little-endian IEEE 754 → float.</summary>
internal sealed class FloatColumnReader : ColumnReader
{
    public static readonly FloatColumnReader Instance = new();

    public override object Read(ref ByteReader reader) => reader.ReadSingle();
}

/// <summary>DOUBLE: 8-byte little-endian IEEE 754 → double.</summary>
internal sealed class DoubleColumnReader : ColumnReader
{
    public static readonly DoubleColumnReader Instance = new();

    public override object Read(ref ByteReader reader) => reader.ReadDouble();
}
