namespace Sluice.Migration.Supervision;

/// <summary>The unit a source of a task is in now, in DM's words; declared in the order a task goes through them.</summary>
public enum TaskUnit
{
    Dump,
    Load,
    Sync,
}
