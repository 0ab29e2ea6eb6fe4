using System.Buffers.Binary;

namespace Sluice.MySql.Tests.Binlog;

/// <summary>The binlog files under Binlog/Fixtures (copied next to the test assembly) and their events' bytes.</summary>
internal static class Fixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Binlog", "Fixtures", name);

    /// <summary>The raw bytes of each event of a fixture file, split by the headers' event sizes.</summary>
    public static List<byte[]> Events(string name)
    {
        var file = File.ReadAllBytes(PathOf(name));
        var events = new List<byte[]>();
        var position = 4;
        while (position < file.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 9));
            events.Add(file.AsSpan(position, size).ToArray());
            position += size;
        }

        return events;
    }

    /// <summary>Every fixture file's events, for the fuzz test.</summary>
    public static IEnumerable<string> All => ["mariadb-basic.binlog", "mariadb-compressed.binlog", "mariadb-minimal-xa.binlog"];
}
