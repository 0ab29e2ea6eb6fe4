namespace Sluice.MySql.Session;

/// <summary>Where and how <see cref="MySqlSession"/> connects.</summary>
public sealed record MySqlConnectionOptions
{
    /// <summary>Host name or IP address.</summary>
    public required string Host { get; init; }

    public int Port { get; init; } = 3306;

    public required string User { get; init; }

    public string Password { get; init; } = "";

    /// <summary>Default schema for the session; none when null.</summary>
    public string? Database { get; init; }

    public MySqlSslMode SslMode { get; init; } = MySqlSslMode.Preferred;

    /// <summary>PEM file with the CA certificate(s) trusted for <see cref="MySqlSslMode.VerifyCA"/> and
    /// <see cref="MySqlSslMode.VerifyFull"/>; the system's trust store when null.</summary>
    public string? SslCaFile { get; init; }

    /// <summary>PEM file with the server's RSA public key, for caching_sha2_password full authentication without TLS.</summary>
    public string? ServerRsaPublicKeyFile { get; init; }

    /// <summary>Lets caching_sha2_password ask the server for its RSA public key when there is no TLS and no key file.
    /// The key then arrives unauthenticated, so a man in the middle could read the password.</summary>
    public bool AllowPublicKeyRetrieval { get; init; }

    /// <summary>Bounds the TCP connect, TLS handshake and authentication together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
            throw new ArgumentException("Host is required.", nameof(Host));
        if (Port is < 1 or > 65535)
            throw new ArgumentException($"Port must be 1..65535, found {Port}.", nameof(Port));
        if (string.IsNullOrEmpty(User))
            throw new ArgumentException("User is required.", nameof(User));
        ArgumentNullException.ThrowIfNull(Password);
        if (ConnectTimeout <= TimeSpan.Zero && ConnectTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentException($"ConnectTimeout must be positive, found {ConnectTimeout}.", nameof(ConnectTimeout));
        if (!Enum.IsDefined(SslMode))
            throw new ArgumentException($"Unknown SslMode {SslMode}.", nameof(SslMode));
    }
}
