using Sluice.Migration;

namespace Sluice.Cli.Configuration;

/// <summary>
/// A database connection as DM writes it (dbconfig.DBConfig): <c>target-database</c>, a source file's <c>from</c>, and
/// Sluice's inline <c>from</c> on a mysql-instances entry.
/// </summary>
internal sealed record DbConfig
{
    public string? Host { get; init; }

    public int? Port { get; init; }

    public string? User { get; init; }

    /// <summary>
    /// Taken as written. DM also accepts a password encrypted with <c>dmctl encrypt</c>; that form is not supported
    /// yet, and such a value is passed to the server as it is (the login then fails with the server's own error).
    /// </summary>
    public string? Password { get; init; }

    public SecurityConfig? Security { get; init; }

    /// <summary>Where this block is in its file, for messages.</summary>
    public required YamlSection Yaml { get; init; }

    public static DbConfig Read(YamlSection yaml)
    {
        var config = new DbConfig
        {
            Yaml = yaml,
            Host = yaml.String("host"),
            Port = yaml.Int("port"),
            User = yaml.String("user"),
            Password = yaml.String("password"),
            Security = yaml.Section("security") is { } security ? SecurityConfig.Read(security) : null,
        };
        yaml.Finish(DmKeysNotActedOn.Database);
        return config;
    }

    /// <summary>The engine's endpoint; host and user are required, the port defaults to MySQL's 3306.</summary>
    public DatabaseEndpoint ToEndpoint()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw Yaml.Error("host", "missing: give the server's host name or address");
        }

        if (string.IsNullOrEmpty(User))
        {
            throw Yaml.Error("user", "missing: give the user to connect as");
        }

        if (Port is { } port && port is < 1 or > 65535)
        {
            throw Yaml.Error("port", $"{port} is not a TCP port (1 to 65535)");
        }

        return new DatabaseEndpoint
        {
            Host = Host,
            Port = Port ?? 3306,
            User = User,
            Password = Password ?? string.Empty,
            SslCa = Security?.SslCa,
            SslCert = Security?.SslCert,
            SslKey = Security?.SslKey,
        };
    }
}
