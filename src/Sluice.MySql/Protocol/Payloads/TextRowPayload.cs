using System.Text;

namespace Sluice.MySql.Protocol.Payloads;

/// <summary>
/// A row of a text result set: one length-encoded string per column, or 0xFB for NULL.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset_row.html</remarks>
internal static class TextRowPayload
{
    public const byte NullValue = 0xFB;

    /// <summary>Decodes the row's values as UTF-8 text (the session's character set is utf8mb4).</summary>
    public static string?[] Parse(ReadOnlySpan<byte> payload, int columnCount)
    {
        var reader = new ByteReader(payload);
        var values = new string?[columnCount];
        for (var i = 0; i < columnCount; i++)
        {
            if (reader.PeekByte() == NullValue)
            {
                reader.Skip(1);
                continue;
            }

            values[i] = Encoding.UTF8.GetString(reader.ReadLengthEncodedBytes());
        }

        if (!reader.IsAtEnd)
            throw new MySqlDecodingException($"expected the end of a {columnCount}-column row, found {reader.Remaining} more bytes", reader.Offset);
        return values;
    }
}
