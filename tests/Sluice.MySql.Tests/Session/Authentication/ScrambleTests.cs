using System.Security.Cryptography;
using System.Text;
using Sluice.MySql.Session.Authentication;

namespace Sluice.MySql.Tests.Session.Authentication;

public sealed class ScrambleTests
{
    // Nonce 0x01..0x14 (20 bytes).
    private static readonly byte[] Nonce = [.. Enumerable.Range(1, 20).Select(i => (byte)i)];

    // Expected values from Python's hashlib, following the documented formulas:
    //   native: s1 = sha1(pw); bytes(a ^ b for a, b in zip(s1, sha1(nonce + sha1(s1))))
    //   sha2:   h = sha256(pw); bytes(a ^ b for a, b in zip(h, sha256(sha256(h) + nonce)))
    [Theory]
    [InlineData("secret", "b32bb3a583e1340c0a1108d58b1be49781ad8c2f")]
    [InlineData("pässwörd", "9891a8536587af22d12e126cf5f7a8ea86d63b0e")]
    public void Native_password_scramble_matches_the_documented_formula(string password, string expectedHex)
    {
        Assert.Equal(expectedHex, Convert.ToHexStringLower(MySqlNativePasswordPlugin.Scramble(password, Nonce)));
    }

    [Fact]
    public void Caching_sha2_scramble_matches_the_documented_formula()
    {
        Assert.Equal(
            "746ebe205d56a0707acb3e796e834e0dd7b1d61743b26bd5202c7a623230c7c9",
            Convert.ToHexStringLower(CachingSha2PasswordPlugin.Scramble("secret", Nonce)));
    }

    [Fact]
    public void Caching_sha2_scramble_for_a_random_nonce_is_verifiable_the_way_the_server_does()
    {
        // The server keeps SHA256(SHA256(pw)); it recovers SHA256(pw) = response XOR SHA256(stored + nonce)
        // and checks that hashing it gives the stored value.
        var nonce = RandomNumberGenerator.GetBytes(20);
        var response = CachingSha2PasswordPlugin.Scramble("another one", nonce);
        var stored = SHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes("another one")));
        var mask = SHA256.HashData([.. stored, .. nonce]);
        var recovered = response.Zip(mask, (a, b) => (byte)(a ^ b)).ToArray();
        Assert.Equal(stored, SHA256.HashData(recovered));
    }

    [Fact]
    public void Empty_passwords_send_an_empty_response()
    {
        Assert.Empty(MySqlNativePasswordPlugin.Scramble("", Nonce));
        Assert.Empty(CachingSha2PasswordPlugin.Scramble("", Nonce));
    }

    [Fact]
    public void Rsa_encrypted_password_decrypts_to_the_password_xor_the_scramble()
    {
        using var rsa = RSA.Create(2048);
        var encrypted = CachingSha2PasswordPlugin.EncryptPassword("a password longer than the 20-byte scramble", Nonce, rsa.ExportSubjectPublicKeyInfoPem());
        var plain = rsa.Decrypt(encrypted, RSAEncryptionPadding.OaepSHA1);
        for (var i = 0; i < plain.Length; i++)
            plain[i] ^= Nonce[i % Nonce.Length];
        Assert.Equal("a password longer than the 20-byte scramble\0", Encoding.UTF8.GetString(plain));
    }
}
