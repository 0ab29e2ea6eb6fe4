using System.Globalization;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Sinks.Storage;

/// <summary>
/// The storage sink's path layout, relative to the root and with '/' separators:
/// <c>{schema}/{table}/{table-version}/[{partition}/][{date}/]CDC{index}.{extension}</c> for data,
/// <c>…/meta/CDC.index</c> beside them naming the directory's last data file, and <c>metadata</c> at the root.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-cloud-storage#storage-path-structure</remarks>
internal static class StoragePaths
{
    public const string MetadataFile = "metadata";
    public const string IndexFile = "meta/CDC.index";
    private const string DataFilePrefix = "CDC";

    /// <summary>The date directory of a commit: its UTC date cut to the separator; empty for none.</summary>
    public static string DateText(StorageDateSeparator separator, Tso commitTs) => separator switch
    {
        StorageDateSeparator.Year => commitTs.Time.UtcDateTime.ToString("yyyy", CultureInfo.InvariantCulture),
        StorageDateSeparator.Month => commitTs.Time.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        StorageDateSeparator.Day => commitTs.Time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => string.Empty,
    };

    public static string DataDirectory(string schema, string table, ulong tableVersion, string date)
    {
        var directory = string.Create(CultureInfo.InvariantCulture, $"{Segment(schema)}/{Segment(table)}/{tableVersion}");
        return date.Length == 0 ? directory : directory + "/" + date;
    }

    /// <summary>
    /// A schema or table name as a path segment. MySQL allows '/', '.' and '..' in quoted names; written as they are
    /// they would leave the directory, so such a name stops the sink rather than write elsewhere.
    /// </summary>
    /// <exception cref="ChangefeedException"><c>CDC:ErrStorageSinkInvalidFileName</c>.</exception>
    public static string Segment(string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.AsSpan().IndexOfAny('/', '\\', '\0') >= 0)
            throw new ChangefeedException("CDC:ErrStorageSinkInvalidFileName", $"storage sink: the name '{name}' cannot be a directory name", false);
        return name;
    }

    public static string DataFileName(ulong index, int width, string extension) =>
        DataFilePrefix + index.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + extension;

    /// <summary>The index of a data file name (<c>CDC000005.csv</c> → 5); false when it is not one.</summary>
    public static bool TryParseDataFileIndex(string name, string extension, out ulong index)
    {
        index = 0;
        if (!name.StartsWith(DataFilePrefix, StringComparison.Ordinal) || !name.EndsWith(extension, StringComparison.Ordinal))
            return false;
        var digits = name.AsSpan(DataFilePrefix.Length, name.Length - DataFilePrefix.Length - extension.Length);
        return digits.Length >= StorageSinkOptions.MinFileIndexWidth
            && ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
