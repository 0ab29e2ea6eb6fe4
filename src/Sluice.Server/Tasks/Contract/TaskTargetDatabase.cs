using System.Text.Json.Serialization;

namespace Sluice.Server.Tasks.Contract;

/// <summary>target_config: the downstream database (the spec's TaskTargetDataBase).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskTargetDatabase
{
    /// <summary>What the API returns in place of a password.</summary>
    public const string HiddenPassword = "******";

    [JsonPropertyName("host")]
    public string? Host { get; init; }

    [JsonPropertyName("port")]
    public int? Port { get; init; }

    [JsonPropertyName("user")]
    public string? User { get; init; }

    [JsonPropertyName("password")]
    public string? Password { get; init; }

    [JsonPropertyName("security")]
    public TaskSecurity? Security { get; init; }

    [JsonPropertyName("session")]
    public TaskTargetSession? Session { get; init; }
}

/// <summary>Session variables for the incremental replication's target connections (the spec's TaskTargetSession).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskTargetSession
{
    /// <summary>"0" (DM's default) or "1".</summary>
    [JsonPropertyName("foreign_key_checks")]
    public string? ForeignKeyChecks { get; init; }
}
