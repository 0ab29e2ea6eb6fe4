namespace Sluice.MySql.Session.Authentication;

/// <summary>What a plugin needs to answer the server: the password, the current scramble and the channel's security.</summary>
internal sealed class AuthenticationExchange
{
    public AuthenticationExchange(MySqlConnectionOptions options, byte[] scramble, bool isEncrypted)
    {
        Options = options;
        Scramble = scramble;
        IsEncrypted = isEncrypted;
    }

    public MySqlConnectionOptions Options { get; }

    public string Password => Options.Password;

    /// <summary>The server's nonce: from the handshake, replaced by each AuthSwitchRequest.</summary>
    public byte[] Scramble { get; set; }

    /// <summary>True when TLS protects the connection, so a password may travel in clear.</summary>
    public bool IsEncrypted { get; }
}
