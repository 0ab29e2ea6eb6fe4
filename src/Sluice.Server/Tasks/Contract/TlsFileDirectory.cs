using System.Security.Cryptography;
using System.Text;

namespace Sluice.Server.Tasks.Contract;

/// <summary>
/// Keeps certificate contents as files in one directory, each named by the SHA-256 of its contents: saving the
/// same certificate twice (a task updated, two tasks on one target) writes it once, and no name can collide.
/// Files are readable by the owner only, since one of them is a private key.
/// </summary>
public sealed class TlsFileDirectory : ITlsFileStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory;

    public TlsFileDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = directory;
    }

    public TlsFiles Save(TlsContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        return new TlsFiles(Write(contents.Ca), Write(contents.Cert), Write(contents.Key));
    }

    private string? Write(string? content)
    {
        if (content is null)
        {
            return null;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_directory);
        }
        else
        {
            Directory.CreateDirectory(_directory, OwnerOnly | UnixFileMode.UserExecute);
        }

        var bytes = Encoding.UTF8.GetBytes(content);
        var path = Path.Combine(_directory, Convert.ToHexStringLower(SHA256.HashData(bytes)) + ".pem");
        if (File.Exists(path))
        {
            return path;
        }

        // Written under a temporary name and moved, so a reader never sees half a certificate.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(bytes);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
