using System.CommandLine;
using System.Runtime.InteropServices;
using Sluice.Cli.Binlog;
using Sluice.Cli.Dmctl;
using Sluice.Cli.Migrate;
using Sluice.Cli.Server;

namespace Sluice.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("Sluice moves MySQL and MariaDB data: migrations (DM) and change data capture (TiCDC).");
        root.Subcommands.Add(BinlogCommands.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(ServerCommand.Create());
        DmctlCommands.AddTo(root);

        // Ctrl-C and SIGTERM cancel the running command, which then finishes its output and exits on its own;
        // the process is never cut off mid-write.
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token).ConfigureAwait(false);

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
