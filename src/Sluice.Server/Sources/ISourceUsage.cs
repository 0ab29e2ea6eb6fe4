namespace Sluice.Server.Sources;

/// <summary>Which tasks read a source: a source in use is not deleted without force, and its task_name_list shows them.</summary>
public interface ISourceUsage
{
    /// <summary>Names of the tasks that read <paramref name="sourceName"/>.</summary>
    IReadOnlyList<string> TasksUsing(string sourceName);
}
