using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary>Connections as the DM task files the migrate tests write give them.</summary>
internal static class TaskEndpoints
{
    /// <summary>An inline connection (<c>from:</c>, <c>target-database:</c>) to <paramref name="server"/>.</summary>
    public static string Endpoint(MariaDbInstance server) =>
        $"{{ host: {server.Host}, port: {server.Port}, user: {server.User}, password: \"{server.Password}\" }}";
}
