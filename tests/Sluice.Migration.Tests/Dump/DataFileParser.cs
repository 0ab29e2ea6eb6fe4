namespace Sluice.Migration.Tests.Dump;

/// <summary>
/// Reads a data file the way LOAD DATA's default text format does, written from the format's description and
/// independent of the dump's writer: tab between fields, newline after each row, backslash escapes, \N alone
/// for NULL.
/// </summary>
internal static class DataFileParser
{
    public static List<byte[]?[]> Parse(byte[] data)
    {
        var rows = new List<byte[]?[]>();
        var fields = new List<byte[]?>();
        var value = new List<byte>();
        var fieldStart = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b == (byte)'\\')
            {
                Assert.True(i + 1 < data.Length, "a backslash ends the file");
                var next = data[++i];
                value.Add(next switch
                {
                    (byte)'0' => 0x00,
                    (byte)'t' => 0x09,
                    (byte)'n' => 0x0A,
                    (byte)'r' => 0x0D,
                    (byte)'Z' => 0x1A,
                    (byte)'b' => 0x08,
                    _ => next,
                });
                continue;
            }

            if (b is (byte)'\t' or (byte)'\n')
            {
                var isNull = i - fieldStart == 2 && data[fieldStart] == (byte)'\\' && data[fieldStart + 1] == (byte)'N';
                fields.Add(isNull ? null : [.. value]);
                value.Clear();
                fieldStart = i + 1;
                if (b == (byte)'\n')
                {
                    rows.Add([.. fields]);
                    fields.Clear();
                }

                continue;
            }

            value.Add(b);
        }

        Assert.True(fieldStart == data.Length, "the file does not end with a newline");
        return rows;
    }

    public static List<byte[]?[]> ParseFile(string path) => Parse(File.ReadAllBytes(path));
}
