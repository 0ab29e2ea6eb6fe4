using System.Text;
using System.Text.Json;

namespace Sluice.Migration.Dump;

/// <summary>
/// The dump directory's life: a directory with a manifest holds a finished dump; one without is unfinished and
/// is cleared before a new dump. Final files are written under a temporary name and renamed, so a reader sees
/// them whole or not at all.
/// </summary>
internal static class DumpDirectory
{
    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Makes <paramref name="directory"/> ready for a new dump of <paramref name="sourceId"/>: a finished dump of
    /// the same source is kept unless <paramref name="overwrite"/>; an unfinished one is removed. Only the files a
    /// dump writes are removed, never anything else found there.
    /// </summary>
    public static async Task PrepareAsync(string directory, string sourceId, bool overwrite, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var manifestPath = Path.Combine(directory, DumpManifest.FileName);
        if (File.Exists(manifestPath))
        {
            var existing = await ReadManifestAsync(manifestPath, cancellationToken).ConfigureAwait(false);
            if (existing.SourceId != sourceId)
            {
                throw new MigrationException(
                    $"{directory} holds a finished dump of source '{existing.SourceId}', not '{sourceId}': refusing to replace another source's dump");
            }

            if (!overwrite)
            {
                throw new MigrationException(
                    $"{directory} already holds a finished dump of source '{sourceId}' (from {existing.FinishedAt:u}); load it, remove it, or dump again with overwrite");
            }

            // The manifest goes first: from here on the directory reads as unfinished.
            File.Delete(manifestPath);
        }

        foreach (var path in Directory.EnumerateFiles(directory))
        {
            if (DumpFileNames.IsDumpFile(Path.GetFileName(path)))
                File.Delete(path);
        }
    }

    public static Task WriteManifestAsync(string directory, DumpManifest manifest, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(Path.Combine(directory, DumpManifest.FileName), JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson), cancellationToken);

    public static Task WriteTextAsync(string path, string text, CancellationToken cancellationToken) =>
        WriteAtomicallyAsync(path, Utf8.GetBytes(text), cancellationToken);

    /// <summary>Writes to {path}.tmp, syncs it to disk, then renames it over <paramref name="path"/>.</summary>
    public static async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            await file.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static async Task<DumpManifest> ReadManifestAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<DumpManifest>(file, ManifestJson, cancellationToken).ConfigureAwait(false)
                ?? throw new MigrationException($"{path} is empty");
        }
        catch (JsonException ex)
        {
            throw new MigrationException($"{path} is not a dump manifest ({ex.Message}): remove the directory or choose another", inner: ex);
        }
    }
}
