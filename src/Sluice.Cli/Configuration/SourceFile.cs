using Sluice.Migration;

namespace Sluice.Cli.Configuration;

/// <summary>
/// A DM source file (DM's SourceConfig, loaded with <c>dmctl operate-source create</c>): one upstream MySQL or
/// MariaDB server and how to read its binlog. Read with <see cref="SourceFileReader"/>.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-source-configuration-file</remarks>
internal sealed record SourceFile
{
    public required string SourceId { get; init; }

    /// <summary>from: the server, checked (host, user, port range).</summary>
    public required DatabaseEndpoint Connection { get; init; }

    /// <summary>enable-gtid: follow the binlog by GTID rather than file and position (for the sync unit).</summary>
    public bool EnableGtid { get; init; }

    public bool EnableRelay { get; init; }

    public string? RelayBinlogName { get; init; }

    public string? RelayBinlogGtid { get; init; }

    /// <summary>flavor: mysql or mariadb; null to detect it from the server.</summary>
    public string? Flavor { get; init; }

    /// <summary>server-id to register with when reading the binlog; null to pick one.</summary>
    public uint? ServerId { get; init; }

    public bool CaseSensitive { get; init; }

    /// <summary>Binlog event filters that apply to every task of this source.</summary>
    public IReadOnlyList<FilterRuleConfig> Filters { get; init; } = [];
}
