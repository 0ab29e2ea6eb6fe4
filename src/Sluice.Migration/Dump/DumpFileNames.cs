using System.Globalization;
using System.Text;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Dump;

/// <summary>
/// File names of a dump directory (docs/dump-format.md): schema and table names are percent-encoded so that
/// every name maps to exactly one file and the dots between name parts stay unambiguous.
/// </summary>
internal static class DumpFileNames
{
    public const string Metadata = "metadata";

    public static string SchemaCreate(string schema) => $"{Encode(schema)}-schema-create.sql";

    public static string TableSchema(TableName table) => $"{Encode(table.Schema)}.{Encode(table.Table)}-schema.sql";

    public static string Chunk(TableName table, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{Encode(table.Schema)}.{Encode(table.Table)}.{index:D5}.dat");

    /// <summary>True for the files a dump writes (and a redo may remove): nothing else in the directory is touched.</summary>
    public static bool IsDumpFile(string fileName) =>
        fileName is Metadata or DumpManifest.FileName
        || fileName.EndsWith(".dat", StringComparison.Ordinal)
        || fileName.EndsWith("-schema.sql", StringComparison.Ordinal)
        || fileName.EndsWith("-schema-create.sql", StringComparison.Ordinal)
        || fileName.EndsWith(".tmp", StringComparison.Ordinal) && IsDumpFile(fileName[..^4]);

    /// <summary>Keeps <c>[A-Za-z0-9_$-]</c>; every other character (a dot too) becomes %XX per UTF-8 byte.</summary>
    public static string Encode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '$' or '-')
            {
                text.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])
                ? Encoding.UTF8.GetBytes(name.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(name.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length])
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
