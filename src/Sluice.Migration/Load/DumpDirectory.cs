using System.Text.Json;
using Sluice.Migration.Dump;

namespace Sluice.Migration.Load;

/// <summary>A finished dump directory as docs/dump-format.md describes it: its manifest and where its files are.</summary>
internal sealed class DumpDirectory
{
    /// <summary>The manifest format versions this loader reads.</summary>
    public const int SupportedVersion = 1;

    private DumpDirectory(string path, DumpManifest manifest, long manifestBytes)
    {
        Path = path;
        Manifest = manifest;
        ManifestBytes = manifestBytes;
    }

    public string Path { get; }

    public DumpManifest Manifest { get; }

    /// <summary>Size of sluice-dump.json: the end position of the load's status row in the checkpoint.</summary>
    public long ManifestBytes { get; }

    /// <summary>Reads and checks the manifest; the manifest is written last, so without it the dump is unfinished.</summary>
    public static async Task<DumpDirectory> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var manifestPath = System.IO.Path.Combine(path, DumpManifest.FileName);
        if (!File.Exists(manifestPath))
            throw new MigrationException($"the dump in {path} is unfinished: it has no {DumpManifest.FileName}");

        DumpManifest? manifest;
        long bytes;
        var stream = File.OpenRead(manifestPath);
        await using (stream.ConfigureAwait(false))
        {
            bytes = stream.Length;
            try
            {
                manifest = await JsonSerializer.DeserializeAsync<DumpManifest>(stream, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new MigrationException($"the dump manifest {manifestPath} is not valid: {e.Message}", inner: e);
            }
        }

        if (manifest is null)
            throw new MigrationException($"the dump manifest {manifestPath} is empty");
        if (manifest.Version != SupportedVersion)
        {
            throw new MigrationException(
                $"the dump in {path} has format version {manifest.Version}; this loader reads version {SupportedVersion}");
        }

        return new DumpDirectory(path, manifest, bytes);
    }

    /// <summary>The full path of a file the manifest names; it must exist.</summary>
    public string FileOf(string name)
    {
        var file = System.IO.Path.Combine(Path, name);
        if (!File.Exists(file))
            throw new MigrationException($"the dump in {Path} lacks {name}, which its manifest lists");
        return file;
    }
}
