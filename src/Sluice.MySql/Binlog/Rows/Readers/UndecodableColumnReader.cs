using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>
/// Stands for a column whose values cannot be decoded (a type with no row encoding, or TABLE_MAP metadata
/// out of range). Reading the TABLE_MAP still succeeds, so rows that leave the column out (or NULL) decode;
/// reading a value of it throws.
/// </summary>
internal sealed class UndecodableColumnReader(string reason) : ColumnReader
{
    public string Reason { get; } = reason;

    public override object Read(ref ByteReader reader) => throw new MySqlDecodingException(Reason, reader.Offset);
}
