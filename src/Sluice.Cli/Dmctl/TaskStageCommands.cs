using System.CommandLine;
using System.Text.Json.Nodes;

namespace Sluice.Cli.Dmctl;

/// <summary>dmctl's <c>stop-task</c>, <c>pause-task</c> and <c>resume-task</c>: NAME, or a task file standing for its name.</summary>
internal static class TaskStageCommands
{
    public static Command Stop(string name, MasterOption master) =>
        Create(name, "stop", "stopped", "Stop a task (POST /api/v1/tasks/{name}/stop); its checkpoints are kept.", master);

    public static Command Pause(string name, MasterOption master) =>
        Create(name, "pause", "paused", "Pause a running task (POST /api/v1/tasks/{name}/pause).", master);

    public static Command Resume(string name, MasterOption master) =>
        Create(name, "resume", "resumed", "Resume a paused task (POST /api/v1/tasks/{name}/resume).", master);

    private static Command Create(string name, string operation, string done, string description, MasterOption master)
    {
        var task = new Argument<string>("task-name-or-file") { Description = "The task's name, or its DM task file." };
        var sources = SourceFilter.Create();
        var command = new Command(name, description) { task, sources };
        DmctlAction.Set(command, master, parse => async (client, output, ct) =>
        {
            var taskName = await TaskArgument.TaskNameAsync(parse.GetValue(task)!, ct).ConfigureAwait(false);
            await client.PostAsync($"/api/v1/tasks/{TaskArgument.Segment(taskName)}/{operation}", SourceFilter.AddTo(new JsonObject(), parse.GetValue(sources)), ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"task {taskName} {done}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
