using System.CommandLine;
using Sluice.Server.Hosting;

namespace Sluice.Cli.Server;

/// <summary>
/// <c>sluice server [--data-dir DIR] [--addr HOST:PORT,...] [--secret-key-file F]</c>: runs the embedded server
/// (DM's master and a worker in one process) until Ctrl-C or SIGTERM.
/// </summary>
internal static class ServerCommand
{
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
        var command = new Command("server", "Run the Sluice server: DM OpenAPI v1 on every listen address, until Ctrl-C.")
        {
            dataDir, addresses, secretKeyFile,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var options = new SluiceServerOptions
            {
                DataDirectory = parse.GetValue(dataDir)!.FullName,
                Addresses = [.. parse.GetValue(addresses)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                SecretKeyFile = parse.GetValue(secretKeyFile)?.FullName,
            };
            var server = await SluiceServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
            await using (server.ConfigureAwait(false))
            {
                foreach (var address in server.Addresses)
                    Console.WriteLine($"listening on {address}");
                Console.WriteLine($"data directory {options.DataDirectory}");
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

            Console.WriteLine("stopped");
            return 0;
        }));
        return command;
    }
}
