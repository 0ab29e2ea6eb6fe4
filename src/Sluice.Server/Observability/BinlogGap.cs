using System.Globalization;

namespace Sluice.Server.Observability;

/// <summary>
/// How far a syncer's checkpoint is behind the source's binlog end, from the two positions as the sync status
/// prints them, <c>(mysql-bin.000003, 1234)</c>: the byte difference when both are in the same file, else the
/// difference of the files' numeric suffixes (a checkpoint two files behind is 2, whatever the bytes). The sync
/// unit reads the source's end every few seconds, so a checkpoint can be past the end last read: that counts as 0.
/// </summary>
internal static class BinlogGap
{
    /// <returns>Null when either position is empty or unreadable, or the files have different base names.</returns>
    public static long? Of(string master, string syncer)
    {
        if (!TryParse(master, out var masterFile, out var masterPos) || !TryParse(syncer, out var syncerFile, out var syncerPos))
            return null;
        if (masterFile == syncerFile)
            return Math.Max(0, masterPos - syncerPos);
        return TrySplit(masterFile, out var masterBase, out var masterIndex) && TrySplit(syncerFile, out var syncerBase, out var syncerIndex) && masterBase == syncerBase
            ? Math.Max(0, masterIndex - syncerIndex)
            : null;
    }

    /// <summary>Reads <c>(file, pos)</c>.</summary>
    public static bool TryParse(string text, out string file, out long position)
    {
        (file, position) = ("", 0);
        var inner = text.AsSpan().Trim();
        if (inner.Length < 2 || inner[0] != '(' || inner[^1] != ')')
            return false;
        inner = inner[1..^1];
        var comma = inner.LastIndexOf(',');
        if (comma <= 0 || !long.TryParse(inner[(comma + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out position))
            return false;
        file = inner[..comma].Trim().ToString();
        return file.Length > 0;
    }

    /// <summary>mysql-bin.000003 as (mysql-bin, 3).</summary>
    private static bool TrySplit(string file, out string baseName, out long index)
    {
        var dot = file.LastIndexOf('.');
        baseName = dot < 0 ? file : file[..dot];
        index = 0;
        return dot > 0 && long.TryParse(file.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
