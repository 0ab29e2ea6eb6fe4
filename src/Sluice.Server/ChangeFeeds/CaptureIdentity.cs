using System.Reflection;
using Sluice.Server.Hosting;

namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// This process as TiCDC's cluster sees it: one capture, always the owner, with an id chosen at each start (as a
/// TiCDC capture gets one per process), and Sluice's version where TiCDC writes its own.
/// </summary>
internal sealed class CaptureIdentity(EmbeddedNode node)
{
    private static readonly string s_informational =
        typeof(CaptureIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public string Id { get; } = Guid.NewGuid().ToString();

    public string Address => node.Address;

    /// <summary>"v" and the version, as TiCDC's version strings read (v8.1.2).</summary>
    public static string Version => "v" + s_informational.Split('+')[0];

    /// <summary>The commit the build names after its version, or "unknown".</summary>
    public static string GitHash => s_informational.Split('+') is [_, var hash, ..] ? hash : "unknown";
}
