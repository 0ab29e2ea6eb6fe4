using System.Net.Sockets;
using Sluice.MySql;

namespace Sluice.Cli;

/// <summary>Turns the failures a user can cause or meet (a wrong password, an unreachable server, bad bytes) into one clear line and exit code 1.</summary>
internal static class CliErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MySqlServerException or MySqlDecodingException or IOException or SocketException
                                       or TimeoutException or ArgumentException or InvalidOperationException or UnauthorizedAccessException or Configuration.TaskConfigException
                                       or System.Security.Authentication.AuthenticationException or Sluice.Migration.MigrationException or MySqlConnector.MySqlException
                                       or CliUsageException)
        {
            await Console.Error.WriteLineAsync($"sluice: error: {ex.Message}").ConfigureAwait(false);
            if (ex is Sluice.Migration.MigrationException { Workaround: { } workaround })
                await Console.Error.WriteLineAsync($"sluice: workaround: {workaround}").ConfigureAwait(false);
            return 1;
        }
    }
}
