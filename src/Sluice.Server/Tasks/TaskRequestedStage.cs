using System.Text.Json.Serialization;

namespace Sluice.Server.Tasks;

/// <summary>
/// The stage a user last asked a task to be in (create leaves it Stopped; start and resume make it Running; pause,
/// Paused; stop, Stopped). Stored with the task, so that a restarted server brings back the tasks that were Running.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskRequestedStage>))]
internal enum TaskRequestedStage
{
    Stopped,
    Running,
    Paused,
}
