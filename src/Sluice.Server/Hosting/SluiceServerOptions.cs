using Microsoft.Extensions.Logging;
using Sluice.Server.Observability;

namespace Sluice.Server.Hosting;

/// <summary>How <see cref="SluiceServer"/> runs: where it keeps its data and which addresses it listens on.</summary>
public sealed record SluiceServerOptions
{
    /// <summary>DM's master port and TiCDC's: both APIs' curl examples work as printed.</summary>
    public static readonly IReadOnlyList<string> DefaultAddresses = ["127.0.0.1:8261", "127.0.0.1:8300"];

    /// <summary>Holds meta.db (the metadata store) and secret.key (unless <see cref="SecretKeyFile"/> is given).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>"host:port" to listen on; every listener serves every API. Port 0 picks a free port.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = DefaultAddresses;

    public string WorkerName { get; init; } = "worker1";

    public string MasterName { get; init; } = "master1";

    /// <summary>The key that seals stored passwords; default {DataDirectory}/secret.key, created when missing.</summary>
    public string? SecretKeyFile { get; init; }

    /// <summary>Request bodies above this are refused (413), so a runaway client cannot fill the server's memory.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Text lines or one JSON object per line.</summary>
    public ServerLogFormat LogFormat { get; init; } = ServerLogFormat.Text;

    /// <summary>The least severe entries written; ASP.NET Core's own categories stay at Warning above Debug.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Where log lines go instead of the console (standard output), in the same format; null for the console.</summary>
    public TextWriter? LogWriter { get; init; }

    /// <summary>For tests: changes the server's services after its own are added (a scripted changefeed run, …).</summary>
    internal Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }
}
