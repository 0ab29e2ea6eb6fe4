using System.Text;

namespace Sluice.MySql.Protocol.Payloads;

/// <summary>
/// Protocol::ColumnDefinition41, one per column before the rows of a result set: catalog, schema, table,
/// original table, name, original name (all length-encoded), then a fixed block of 0x0C bytes with the
/// collation, display length, type, flags and decimals.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset_column_definition.html</remarks>
internal sealed record ColumnDefinition41Payload(
    string Schema,
    string Table,
    string Name,
    ushort CharacterSet,
    uint ColumnLength,
    byte ColumnType,
    ushort Flags,
    byte Decimals)
{
    public static ColumnDefinition41Payload Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new ByteReader(payload);
        reader.ReadLengthEncodedBytes(); // catalog, always "def"
        var schema = Encoding.UTF8.GetString(reader.ReadLengthEncodedBytes());
        var table = Encoding.UTF8.GetString(reader.ReadLengthEncodedBytes());
        reader.ReadLengthEncodedBytes(); // org_table
        var name = Encoding.UTF8.GetString(reader.ReadLengthEncodedBytes());
        reader.ReadLengthEncodedBytes(); // org_name
        var fixedStart = reader.Offset;
        var fixedLength = reader.ReadLengthEncodedInteger();
        if (fixedLength < 0x0C)
            throw new MySqlDecodingException($"expected a fixed-length field block of 12 bytes, found {fixedLength}", fixedStart);
        var characterSet = reader.ReadUInt16();
        var columnLength = reader.ReadUInt32();
        var columnType = reader.ReadByte();
        var flags = reader.ReadUInt16();
        var decimals = reader.ReadByte();
        return new ColumnDefinition41Payload(schema, table, name, characterSet, columnLength, columnType, flags, decimals);
    }
}
