using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tasks.Conversion;

/// <summary>
/// DM's task file (YAML) and the API's task (JSON), each into the other: what <c>POST /api/v1/tasks/converters</c>
/// answers, and how a task file given to start-task becomes an API task.
/// </summary>
/// <remarks>Task file: https://docs.pingcap.com/tidb/stable/task-configuration-file-full</remarks>
public static class TaskYamlConverter
{
    /// <summary>The task file DM's converter would write for <paramref name="task"/>; the target password is written as given.</summary>
    /// <exception cref="TaskYamlException">The task holds something a task file cannot (certificate contents, a rule for a source it does not list).</exception>
    public static string ToYaml(ApiTask task) => TaskYamlWriter.Write(task);

    /// <summary>The API task a DM task file describes, with the meaning Sluice's task file reader gives it. Not validated: see <see cref="TaskValidator"/>.</summary>
    /// <exception cref="TaskYamlException">Not YAML, an unknown key, a value of the wrong type, or a key the API task cannot express; the message names the key and its line.</exception>
    public static ApiTask FromYaml(string yaml) => TaskYamlReader.Read(yaml);
}
