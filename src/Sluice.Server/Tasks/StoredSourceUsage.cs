using Sluice.Server.Sources;

namespace Sluice.Server.Tasks;

/// <summary>A source is used by the stored tasks whose source_conf names it.</summary>
internal sealed class StoredSourceUsage(TaskRepository tasks) : ISourceUsage
{
    public IReadOnlyList<string> TasksUsing(string sourceName) => tasks.TasksUsing(sourceName);
}
