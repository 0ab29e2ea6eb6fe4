using System.Diagnostics;
using System.Globalization;
using MySqlConnector;

namespace Sluice.Testing;

/// <summary>One throwaway MariaDB server started by scripts/mariadb.sh, stopped by pid when disposed.</summary>
public sealed class MariaDbInstance : IAsyncDisposable
{
    private MariaDbInstance(string name, IReadOnlyDictionary<string, string> facts)
    {
        Name = name;
        Directory = facts["dir"];
        Port = int.Parse(facts["port"], CultureInfo.InvariantCulture);
        ServerId = uint.Parse(facts["server_id"], CultureInfo.InvariantCulture);
        User = facts["user"];
        Password = facts["password"];
        CaFile = facts["ca"];
        Socket = facts["socket"];
    }

    public string Name { get; }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public uint ServerId { get; }

    public string User { get; }

    public string Password { get; }

    /// <summary>PEM file of the CA that signed the server's certificate (CN=localhost, SAN 127.0.0.1).</summary>
    public string CaFile { get; }

    public string Socket { get; }

    public string Directory { get; }

    /// <summary>Directory holding the binlog files.</summary>
    public string DataDirectory => Path.Combine(Directory, "data");

    public string ConnectionString => new MySqlConnectionStringBuilder
    {
        Server = Host,
        Port = (uint)Port,
        UserID = User,
        Password = Password,
        SslMode = MySqlSslMode.None,
        AllowLoadLocalInfile = true,
        AllowUserVariables = true,
        Pooling = true,
        MaximumPoolSize = 50,
        DefaultCommandTimeout = 600,
    }.ConnectionString;

    public static async Task<MariaDbInstance> StartAsync(string name, CancellationToken cancellationToken = default)
    {
        var output = await RunScriptAsync(["start", name], cancellationToken);
        var facts = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        return new MariaDbInstance(name, facts);
    }

    public async Task<MySqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs one or more statements (separated by ';') and returns the affected rows.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    /// <summary>CHECKSUM TABLE of <paramref name="table"/> (already quoted as needed), as text.</summary>
    public async Task<string> ChecksumAsync(string table, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand($"CHECKSUM TABLE {table}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException($"CHECKSUM TABLE {table} returned nothing");
        return Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture) ?? "NULL";
    }

    /// <summary>The server's current binlog file and position (SHOW MASTER STATUS).</summary>
    public async Task<(string File, ulong Position)> MasterStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand("SHOW MASTER STATUS", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException("binary logging is off");
        return (reader.GetString(0), Convert.ToUInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    /// <summary>Shuts the server down (its data stays): clients see the connection refused until <see cref="StartServerAsync"/>.</summary>
    public Task StopServerAsync() => RunScriptAsync(["stop", Directory], CancellationToken.None);

    /// <summary>Starts the stopped server again on the same port and data.</summary>
    public Task StartServerAsync() => RunScriptAsync(["restart", Directory], CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunScriptAsync(["stop", Directory], CancellationToken.None);
            if (Environment.GetEnvironmentVariable("SLUICE_KEEP_INSTANCES") != "1")
                System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: leave the directory for the next stop-all.
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to stop.
        }
    }

    internal static async Task<string> RunScriptAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(RepositoryPaths.Script("mariadb.sh"));
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"mariadb.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }
}
