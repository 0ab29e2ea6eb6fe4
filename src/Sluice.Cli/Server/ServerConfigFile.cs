using System.Collections;
using Tomlyn;
using Tomlyn.Model;

namespace Sluice.Cli.Server;

/// <summary>
/// <c>sluice server --config sluice.toml</c>: the server's settings in TOML, with dm-master's key names where they
/// mean the same (<c>name</c>, <c>master-addr</c>, <c>data-dir</c>, <c>log-level</c>), so a dm-master.toml mostly
/// works as it is. Flags given on the command line win over the file.
/// </summary>
/// <remarks>
/// dm-master keys that mean nothing to a single embedded server (peers, advertise addresses, log files) are accepted
/// and listed in <see cref="NotActedOn"/>; any other key is an error naming it, so a typo never goes unnoticed. An
/// address with no host (dm-master's <c>":8261"</c>) listens on 127.0.0.1 only: all interfaces must be asked for
/// (<c>0.0.0.0:8261</c>).
/// </remarks>
internal sealed record ServerConfigFile
{
    private static readonly HashSet<string> DmKeysNotActedOn = new(StringComparer.Ordinal)
    {
        "advertise-addr", "peer-urls", "advertise-peer-urls", "initial-cluster", "join", "log-file", "log-rotate",
        "rpc-timeout", "rpc-rate-limit", "rpc-rate-burst", "ssl-ca", "ssl-cert", "ssl-key", "cert-allowed-cn", "openapi",
        "experimental", "election-timeout", "v1-sources-path", "secret-key-path",
    };

    /// <summary>The master's name (dm-master's <c>name</c>).</summary>
    public string? Name { get; init; }

    public string? WorkerName { get; init; }

    public string? DataDir { get; init; }

    /// <summary>Listen addresses (<c>addr</c>, or dm-master's <c>master-addr</c>): a comma-separated string or an array.</summary>
    public IReadOnlyList<string>? Addresses { get; init; }

    public string? SecretKeyFile { get; init; }

    public string? LogLevel { get; init; }

    public string? LogFormat { get; init; }

    /// <summary>dm-master keys the file sets that the embedded server does not use.</summary>
    public IReadOnlyList<string> NotActedOn { get; init; } = [];

    /// <exception cref="CliUsageException">The file cannot be read, is not TOML, or has a key or value this server does not know.</exception>
    public static ServerConfigFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{path}: {ex.Message}");
        }

        return Parse(text, path);
    }

    /// <exception cref="CliUsageException">As <see cref="Read"/>.</exception>
    public static ServerConfigFile Parse(string text, string path)
    {
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(text) ?? new TomlTable();
        }
        catch (TomlException ex)
        {
            throw new CliUsageException($"{path}: not valid TOML: {ex.Message}");
        }

        var config = new ServerConfigFile();
        var ignored = new List<string>();
        foreach (var (key, value) in table)
        {
            config = key switch
            {
                "name" => config with { Name = Text(path, key, value) },
                "worker-name" => config with { WorkerName = Text(path, key, value) },
                "data-dir" => config with { DataDir = Text(path, key, value) },
                "addr" or "master-addr" => config with { Addresses = ReadAddresses(path, key, value) },
                "secret-key-file" => config with { SecretKeyFile = Text(path, key, value) },
                "log-level" => config with { LogLevel = Text(path, key, value) },
                "log-format" => config with { LogFormat = Text(path, key, value) },
                _ when DmKeysNotActedOn.Contains(key) => config,
                _ => throw new CliUsageException(
                    $"{path}: unknown key '{key}' (known: name, worker-name, data-dir, addr or master-addr, secret-key-file, log-level, log-format)"),
            };
            if (DmKeysNotActedOn.Contains(key))
                ignored.Add(key);
        }

        return config with { NotActedOn = ignored };
    }

    private static string Text(string path, string key, object? value) =>
        value is string text && text.Length > 0 ? text : throw new CliUsageException($"{path}: '{key}' must be a non-empty string");

    private static List<string> ReadAddresses(string path, string key, object? value)
    {
        IEnumerable<string> items = value switch
        {
            string text => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            IEnumerable list when value is not string => list.Cast<object?>().Select(item => Text(path, key, item)),
            _ => throw new CliUsageException($"{path}: '{key}' must be a string (\"127.0.0.1:8261,127.0.0.1:8300\") or an array of strings"),
        };
        var addresses = items.Select(a => a.StartsWith(':') ? "127.0.0.1" + a : a).ToList();
        return addresses.Count > 0 ? addresses : throw new CliUsageException($"{path}: '{key}' names no address");
    }
}
