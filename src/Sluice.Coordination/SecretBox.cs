using System.Security.Cryptography;
using System.Text;

namespace Sluice.Coordination;

/// <summary>
/// Encrypts secrets (passwords) before they are stored: AES-256-GCM under a key kept in a file of its own, created
/// on first start (readable by its owner only) unless one is given. A sealed secret reads
/// <c>sealed:v1:BASE64(nonce | ciphertext | tag)</c>; the key's loss makes stored passwords unreadable, not guessable.
/// </summary>
public sealed class SecretBox
{
    private const string Prefix = "sealed:v1:";
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _key;

    public SecretBox(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeyBytes)
            throw new ArgumentException($"a secret key is {KeyBytes} bytes, found {key.Length}", nameof(key));
        _key = [.. key];
    }

    /// <summary>
    /// The box whose key is in <paramref name="keyFile"/> (64 hex digits), creating the file with a new random key
    /// (mode 0600) when it does not exist.
    /// </summary>
    /// <exception cref="InvalidDataException">The file does not hold a key.</exception>
    public static SecretBox OpenOrCreate(string keyFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyFile);
        if (!File.Exists(keyFile))
        {
            var key = RandomNumberGenerator.GetBytes(KeyBytes);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            try
            {
                using var stream = new FileStream(keyFile, options);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToHexString(key) + "\n"));
                return new SecretBox(key);
            }
            catch (IOException) when (File.Exists(keyFile))
            {
                // Another process created it first: read theirs.
            }
        }

        var text = File.ReadAllText(keyFile).Trim();
        try
        {
            var key = Convert.FromHexString(text);
            if (key.Length == KeyBytes)
                return new SecretBox(key);
        }
        catch (FormatException)
        {
        }

        throw new InvalidDataException($"{keyFile} does not hold a secret key ({KeyBytes * 2} hex digits)");
    }

    /// <summary>True when <paramref name="text"/> is a sealed secret (and not a password given in clear).</summary>
    public static bool IsSealed(string? text) => text is not null && text.StartsWith(Prefix, StringComparison.Ordinal);

    public string Seal(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length, TagBytes));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">Not sealed with this key, or altered.</exception>
    public string Open(string sealedSecret)
    {
        if (!IsSealed(sealedSecret))
            throw new CryptographicException("not a sealed secret");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(sealedSecret[Prefix.Length..]);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("a sealed secret that is not base64", e);
        }

        if (bytes.Length < NonceBytes + TagBytes)
            throw new CryptographicException("a sealed secret too short to hold a nonce and a tag");
        var plainLength = bytes.Length - NonceBytes - TagBytes;
        var plain = new byte[plainLength];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(bytes.AsSpan(0, NonceBytes), bytes.AsSpan(NonceBytes, plainLength), bytes.AsSpan(NonceBytes + plainLength, TagBytes), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
