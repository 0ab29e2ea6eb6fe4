namespace Sluice.ChangeFeed.Sinks.Storage;

/// <summary>
/// Whole-file writes that a crash cannot leave half done: the bytes go to a temporary file beside the target, are
/// fsync'd, renamed over the target, and the directory is fsync'd so the new name is on disk too. A reader (or a
/// restarted sink) sees the old file or the new one, never a torn one.
/// </summary>
internal static class DurableFile
{
    private const string TemporarySuffix = ".tmp";

    /// <summary>Writes <paramref name="path"/>, replacing what was there.</summary>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteAsync(path, [content], replace: true, cancellationToken);

    /// <summary>
    /// Writes <paramref name="path"/> from <paramref name="parts"/>; with <paramref name="replace"/> false, an existing
    /// file is never overwritten (<see cref="IOException"/>).
    /// </summary>
    public static Task WriteAsync(string path, IReadOnlyList<ReadOnlyMemory<byte>> parts, bool replace, CancellationToken cancellationToken) =>
        WriteAsync(path, parts, replace, syncDirectory: true, cancellationToken);

    /// <param name="syncDirectory">False when a later write in the same directory syncs it (its rename is then durable with that one).</param>
    public static async Task WriteAsync(
        string path, IReadOnlyList<ReadOnlyMemory<byte>> parts, bool replace, bool syncDirectory, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        DirectorySync.Create(directory);

        // The temporary name never ends in .csv, .json or .index, so a consumer listing the directory passes over it.
        var temporary = path + TemporarySuffix;
        var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            foreach (var part in parts)
                await file.WriteAsync(part, cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: replace);
        if (syncDirectory)
            DirectorySync.Flush(directory);
    }
}
