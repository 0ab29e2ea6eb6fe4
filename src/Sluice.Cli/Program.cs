using System.CommandLine;
using Sluice.Cli.Binlog;
using Sluice.Cli.Migrate;

namespace Sluice.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Sluice moves MySQL and MariaDB data: migrations (DM) and change data capture (TiCDC).");
        root.Subcommands.Add(BinlogCommands.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        return root.Parse(args).InvokeAsync();
    }
}
