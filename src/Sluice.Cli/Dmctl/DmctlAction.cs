using System.CommandLine;
using Spectre.Console;
using Sluice.Cli.Configuration;

namespace Sluice.Cli.Dmctl;

/// <summary>
/// Runs a dmctl-style command against the master: DM's errors become <c>error CODE: MESSAGE</c> on stderr and exit
/// code 1, as do a master that cannot be reached and a file that cannot be read.
/// </summary>
internal static class DmctlAction
{
    public delegate Task<int> Body(DmApiClient master, IAnsiConsole output, CancellationToken cancellationToken);

    public static void Set(Command command, MasterOption master, Func<ParseResult, Body> body)
    {
        command.SetAction((parse, cancellationToken) => RunAsync(master, parse, body(parse), cancellationToken));
    }

    private static async Task<int> RunAsync(MasterOption master, ParseResult parse, Body body, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new DmApiClient(master.Resolve(parse));
            return await body(client, DmctlConsole.ForStandardOutput(), cancellationToken).ConfigureAwait(false);
        }
        catch (DmApiException e)
        {
            await Console.Error.WriteLineAsync(e.ToErrorLine()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MasterUnreachableException or ArgumentException or IOException or UnauthorizedAccessException
                                      or TaskConfigException or YamlDotNet.Core.YamlException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C while waiting for the master: whatever it was asked may still happen there.
            await Console.Error.WriteLineAsync("interrupted").ConfigureAwait(false);
            return 130;
        }

        return 1;
    }
}
