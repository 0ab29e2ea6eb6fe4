namespace Sluice.Replication.Filtering;

/// <summary>The <c>action</c> of a binlog event filter rule.</summary>
public enum BinlogFilterAction
{
    /// <summary>Only matching events and statements go on; others on the matched tables are ignored.</summary>
    Do,

    /// <summary>Matching events and statements are dropped.</summary>
    Ignore,

    /// <summary>Matching events and statements stop the task with an error (DM v6.3+).</summary>
    Error,
}
