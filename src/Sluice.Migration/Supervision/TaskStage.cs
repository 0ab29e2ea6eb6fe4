namespace Sluice.Migration.Supervision;

/// <summary>
/// A task's (and each of its sources') stage, in DM's words: query-status and the API's TaskStage show
/// Running, Paused, Stopped and Finished; New is a task that was never started.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-query-status</remarks>
public enum TaskStage
{
    New,
    Running,
    Paused,
    Stopped,
    Finished,
}
