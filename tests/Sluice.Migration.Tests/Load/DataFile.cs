using System.Text;

namespace Sluice.Migration.Tests.Load;

/// <summary>
/// Writes data files as docs/dump-format.md describes them, independently of any production code: tab between
/// values, newline after rows, <c>\N</c> for NULL, and backslash escapes for \ tab newline CR NUL and 0x1A.
/// </summary>
internal static class DataFile
{
    public static byte[] Write(IEnumerable<IReadOnlyList<byte[]?>> rows)
    {
        using var output = new MemoryStream();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                if (i > 0)
                    output.WriteByte((byte)'\t');
                Escape(row[i], output);
            }

            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }

    private static void Escape(byte[]? value, MemoryStream output)
    {
        if (value is null)
        {
            output.Write("\\N"u8);
            return;
        }

        foreach (var b in value)
        {
            switch (b)
            {
                case (byte)'\\': output.Write("\\\\"u8); break;
                case (byte)'\t': output.Write("\\t"u8); break;
                case (byte)'\n': output.Write("\\n"u8); break;
                case (byte)'\r': output.Write("\\r"u8); break;
                case 0: output.Write("\\0"u8); break;
                case 0x1A: output.Write("\\Z"u8); break;
                default: output.WriteByte(b); break;
            }
        }
    }

    /// <summary>A value written as text in UTF-8 (numbers, dates, utf8mb4 strings).</summary>
    public static byte[] T(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>File-name part of a schema or table name: every character outside [A-Za-z0-9_$-] percent-encoded.</summary>
    public static string FileNamePart(string name)
    {
        var result = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'_' or (byte)'$' or (byte)'-')
                result.Append((char)b);
            else
                result.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }
}
