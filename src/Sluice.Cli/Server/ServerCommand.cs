using System.CommandLine;
using Microsoft.Extensions.Logging;
using Sluice.Server.Hosting;
using Sluice.Server.Observability;

namespace Sluice.Cli.Server;

/// <summary>
/// <c>sluice server [--config sluice.toml] [--data-dir DIR] [--addr HOST:PORT,...] [--secret-key-file F]
/// [--log-format text|json] [--log-level LEVEL]</c>: runs the embedded server (DM's master and a worker in one process) until Ctrl-C or SIGTERM.
/// </summary>
internal static class ServerCommand
{
    /// <summary>DM's log levels (debug, info, warn, error, fatal) and .NET's names for the same.</summary>
    private static readonly Dictionary<string, LogLevel> LogLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trace"] = LogLevel.Trace,
        ["debug"] = LogLevel.Debug,
        ["info"] = LogLevel.Information,
        ["information"] = LogLevel.Information,
        ["warn"] = LogLevel.Warning,
        ["warning"] = LogLevel.Warning,
        ["error"] = LogLevel.Error,
        ["fatal"] = LogLevel.Critical,
        ["critical"] = LogLevel.Critical,
    };

    public static Command Create()
    {
        var dataDir = new Option<DirectoryInfo>("--data-dir")
        {
            Description = "Where the server keeps its metadata (meta.db) and the key that seals passwords (secret.key).",
            DefaultValueFactory = _ => new DirectoryInfo("sluice-data"),
        };
        var addresses = new Option<string>("--addr")
        {
            Description = "Comma-separated host:port to listen on; each serves every API.",
            DefaultValueFactory = _ => string.Join(',', SluiceServerOptions.DefaultAddresses),
        };
        var secretKeyFile = new Option<FileInfo?>("--secret-key-file")
        {
            Description = "The key file sealing stored passwords (default DATA-DIR/secret.key, created when missing).",
        };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "text, or json: one JSON object per line on standard output (and nothing else there).",
            DefaultValueFactory = _ => "text",
        };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var logLevel = new Option<string>("--log-level")
        {
            Description = "The least severe entries logged: debug, info, warn, error or fatal.",
            DefaultValueFactory = _ => "info",
        };
        logLevel.AcceptOnlyFromAmong([.. LogLevels.Keys]);
        var config = new Option<FileInfo?>("--config")
        {
            Description = "A TOML file with the same settings (dm-master's key names: name, master-addr, data-dir, log-level, …); flags win over it.",
        };
        var command = new Command("server", "Run the Sluice server: DM OpenAPI v1 and /metrics on every listen address, until Ctrl-C.")
        {
            config, dataDir, addresses, secretKeyFile, logFormat, logLevel,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var file = parse.GetValue(config) is { } path ? ServerConfigFile.Read(path.FullName) : new ServerConfigFile();
            foreach (var key in file.NotActedOn)
                await Console.Error.WriteLineAsync($"sluice: note: {key} in the config file does not apply to the embedded server; it is ignored").ConfigureAwait(false);
            string Setting(Option<string> option, string? fromFile) =>
                parse.GetResult(option) is { Implicit: false } || fromFile is null ? parse.GetValue(option)! : fromFile;
            var format = Setting(logFormat, file.LogFormat);
            var level = Setting(logLevel, file.LogLevel);
            if (format is not ("text" or "json"))
                throw new CliUsageException($"log-format {format} is not text or json");
            if (!LogLevels.TryGetValue(level, out var logLevelValue))
                throw new CliUsageException($"log-level {level} is not one of debug, info, warn, error, fatal");
            var json = format == "json";
            var options = new SluiceServerOptions
            {
                DataDirectory = parse.GetResult(dataDir) is { Implicit: false } || file.DataDir is null ? parse.GetValue(dataDir)!.FullName : Path.GetFullPath(file.DataDir),
                Addresses = parse.GetResult(addresses) is { Implicit: false } || file.Addresses is null
                    ? [.. parse.GetValue(addresses)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
                    : file.Addresses,
                SecretKeyFile = parse.GetValue(secretKeyFile)?.FullName ?? (file.SecretKeyFile is null ? null : Path.GetFullPath(file.SecretKeyFile)),
                MasterName = file.Name ?? "master1",
                WorkerName = file.WorkerName ?? "worker1",
                LogFormat = json ? ServerLogFormat.Json : ServerLogFormat.Text,
                LogLevel = logLevelValue,
            };

            // With JSON logs, standard output carries only JSON lines: the server logs its addresses itself.
            void Say(string line)
            {
                if (!json)
                    Console.WriteLine(line);
            }

            var server = await SluiceServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
            await using (server.ConfigureAwait(false))
            {
                foreach (var address in server.Addresses)
                    Say($"listening on {address}");
                Say($"data directory {options.DataDirectory}");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C or SIGTERM: stop serving and exit cleanly.
                }

                await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            Say("stopped");
            return 0;
        }));
        return command;
    }
}
