using System.Buffers;

namespace Sluice.Migration.Dump;

/// <summary>
/// The escaping of LOAD DATA's default text format (FIELDS TERMINATED BY '\t' ESCAPED BY '\\', LINES TERMINATED
/// BY '\n'): a backslash, tab, newline, carriage return, NUL and Ctrl-Z in a value become two bytes, so a data
/// file reads back byte for byte.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/load-data.html, https://mariadb.com/kb/en/load-data-infile/</remarks>
internal static class LoadDataEscaping
{
    private static readonly SearchValues<byte> Special = SearchValues.Create([0x00, 0x09, 0x0A, 0x0D, 0x1A, 0x5C]);

    /// <summary>A value's worst-case escaped length.</summary>
    public static long MaxEscapedLength(int length) => 2L * length;

    /// <summary>
    /// Escapes as much of <paramref name="source"/> as fits in <paramref name="destination"/>, never splitting an
    /// escape pair.
    /// </summary>
    public static void Escape(ReadOnlySpan<byte> source, Span<byte> destination, out int consumed, out int written)
    {
        consumed = 0;
        written = 0;
        while (consumed < source.Length)
        {
            var rest = source[consumed..];
            var run = rest.IndexOfAny(Special);
            if (run < 0)
                run = rest.Length;
            var take = Math.Min(run, destination.Length - written);
            rest[..take].CopyTo(destination[written..]);
            consumed += take;
            written += take;
            if (take < run || consumed == source.Length || destination.Length - written < 2)
                return;
            destination[written] = (byte)'\\';
            destination[written + 1] = EscapeLetter(rest[run]);
            written += 2;
            consumed++;
        }
    }

    private static byte EscapeLetter(byte special) => special switch
    {
        0x00 => (byte)'0',
        0x09 => (byte)'t',
        0x0A => (byte)'n',
        0x0D => (byte)'r',
        0x1A => (byte)'Z',
        _ => (byte)'\\',
    };
}
