using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed;

/// <summary>A changefeed as created: what it reads, from when, until when, and where it writes.</summary>
public sealed record ChangefeedDefinition
{
    public required string Id { get; init; }

    public string Namespace { get; init; } = "default";

    /// <summary>The registered source whose binlog it reads.</summary>
    public required string SourceName { get; init; }

    public required string SinkUri { get; init; }

    /// <summary>Changes committed after this TSO are captured.</summary>
    public required Tso StartTs { get; init; }

    /// <summary>The changefeed finishes once it has captured everything up to this TSO; zero for never.</summary>
    public Tso TargetTs { get; init; }

    public ChangefeedOptions Options { get; init; } = new();

    /// <summary>Send the selected tables' current rows first, consistent with the start (as Debezium's initial snapshot).</summary>
    public bool Snapshot { get; init; }
}

/// <summary>The source server a changefeed reads.</summary>
public sealed record ChangefeedSource(string Name, string Host, int Port, string User, string Password)
{
    public override string ToString() => $"{Name} ({User}@{Host}:{Port})";

    /// <summary>For SQL on the source (MySqlConnector), unpooled: a changefeed's connections are few and long.</summary>
    internal string ConnectionString() => new MySqlConnector.MySqlConnectionStringBuilder
    {
        Server = Host,
        Port = (uint)Port,
        UserID = User,
        Password = Password,
        AllowPublicKeyRetrieval = true,
        SslMode = MySqlConnector.MySqlSslMode.Preferred,
        Pooling = false,
    }.ConnectionString;
}
