using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tests.Tasks;

public sealed class TlsFileDirectoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sluice-tls-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Contents_are_written_once_under_their_hash_readable_by_the_owner_only()
    {
        var store = new TlsFileDirectory(_directory);

        var first = store.Save(new TlsContents("CA PEM", "CERT PEM", "KEY PEM"));
        var again = store.Save(new TlsContents("CA PEM", null, null));

        Assert.Equal("CA PEM", File.ReadAllText(first.Ca!));
        Assert.Equal("KEY PEM", File.ReadAllText(first.Key!));
        Assert.Equal(first.Ca, again.Ca);
        Assert.Null(again.Cert);
        Assert.NotEqual(first.Cert, first.Key);
        Assert.Equal(3, Directory.GetFiles(_directory).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.Key!));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
