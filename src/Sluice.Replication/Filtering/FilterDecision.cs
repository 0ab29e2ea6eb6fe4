namespace Sluice.Replication.Filtering;

/// <summary>What the binlog event filter decided for one event or statement.</summary>
public enum FilterDecision
{
    /// <summary>Replicate it.</summary>
    Apply,

    /// <summary>Skip it.</summary>
    Ignore,

    /// <summary>A rule with <c>action: Error</c> matched: stop with an error.</summary>
    Error,
}
