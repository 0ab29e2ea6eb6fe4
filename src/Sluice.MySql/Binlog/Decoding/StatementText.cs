using System.Text;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.MySql.Binlog.Decoding;

/// <summary>
/// Statement text and user variable strings as .NET strings, by the collation id the event gives
/// (<see cref="Charsets"/>); binary and unknown collations are read as UTF-8, which keeps ASCII intact.
/// </summary>
internal static class StatementText
{
    public static string Decode(ReadOnlySpan<byte> bytes, uint collationId)
    {
        if (bytes.IsEmpty)
            return string.Empty;
        var encoding = collationId <= int.MaxValue ? Charsets.FromCollationId((int)collationId) : null;
        return (encoding ?? Encoding.UTF8).GetString(bytes);
    }
}
