using System.Security.Cryptography;
using Sluice.Coordination;

namespace Sluice.Coordination.Tests;

public sealed class SecretBoxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sluice-secret-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_key_file_is_created_owner_only_and_reused()
    {
        var keyFile = Path.Combine(_dir, "secret.key");
        var box = SecretBox.OpenOrCreate(keyFile);
        var sealedSecret = box.Seal("p@ss'wörd");

        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal("p@ss'wörd", SecretBox.OpenOrCreate(keyFile).Open(sealedSecret));
    }

    [Fact]
    public void Sealed_text_hides_the_secret_and_differs_every_time()
    {
        var box = new SecretBox(new byte[32]);
        var a = box.Seal("123456");
        var b = box.Seal("123456");

        Assert.True(SecretBox.IsSealed(a));
        Assert.False(SecretBox.IsSealed("123456"));
        Assert.NotEqual(a, b);
        Assert.DoesNotContain("123456", a, StringComparison.Ordinal);
        Assert.Equal("123456", box.Open(b));
        Assert.Equal(string.Empty, box.Open(box.Seal(string.Empty)));
    }

    [Fact]
    public void Another_key_or_an_altered_secret_is_refused()
    {
        var sealedSecret = new SecretBox(new byte[32]).Seal("secret");
        var other = new byte[32];
        other[0] = 1;

        Assert.ThrowsAny<CryptographicException>(() => new SecretBox(other).Open(sealedSecret));
        var bytes = Convert.FromBase64String(sealedSecret["sealed:v1:".Length..]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => new SecretBox(new byte[32]).Open("sealed:v1:" + Convert.ToBase64String(bytes)));
        Assert.ThrowsAny<CryptographicException>(() => new SecretBox(new byte[32]).Open("sealed:v1:!!"));
        Assert.ThrowsAny<CryptographicException>(() => new SecretBox(new byte[32]).Open("plain"));
    }

    [Fact]
    public void A_key_file_without_a_key_is_an_error_that_names_it()
    {
        var keyFile = Path.Combine(_dir, "bad.key");
        File.WriteAllText(keyFile, "not hex");

        var error = Assert.Throws<InvalidDataException>(() => SecretBox.OpenOrCreate(keyFile));
        Assert.Contains(keyFile, error.Message, StringComparison.Ordinal);
    }
}
