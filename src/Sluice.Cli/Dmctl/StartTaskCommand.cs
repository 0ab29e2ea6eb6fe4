using System.CommandLine;
using System.Text.Json.Nodes;

namespace Sluice.Cli.Dmctl;

/// <summary>
/// dmctl's <c>start-task task.yaml [--remove-meta] [--start-time T]</c>: the master converts the DM task file, the
/// task is created (or, when it exists and is stopped, updated) and started; then, with --watch, its progress shows.
/// </summary>
internal static class StartTaskCommand
{
    /// <summary>codeSchedulerSubTaskExist: a task of that name exists already.</summary>
    private const int TaskExists = 46014;

    public static Command Create(string name, MasterOption master)
    {
        var file = new Argument<string>("task-file") { Description = "The DM task file (task.yaml)." };
        var removeMeta = new Option<bool>("--remove-meta") { Description = "Remove the task's checkpoints first: it starts over." };
        var startTime = new Option<string?>("--start-time") { Description = "Start the incremental replication from this time: \"2006-01-02 15:04:05\" (the server's zone) or RFC 3339." };
        var watch = new Option<bool?>("--watch") { Description = "Show the dump/load progress, then the sync rate and lag, until Ctrl-C (the task goes on). Default: on when the output is a terminal." };
        var sources = SourceFilter.Create();
        var command = new Command(name, "Create (or update, when stopped) and start a task from a DM task file.") { file, removeMeta, startTime, watch, sources };
        DmctlAction.Set(command, master, parse => async (client, output, ct) =>
        {
            var text = await TaskFileText.ReadAsync(parse.GetValue(file)!, ct).ConfigureAwait(false);
            var task = await TaskConversion.ConvertAsync(client, text, ct).ConfigureAwait(false);
            var taskName = StatusFormat.Text(task, "name") is { Length: > 0 } converted ? converted : text.Name;
            var path = $"/api/v1/tasks/{TaskArgument.Segment(taskName)}";

            JsonNode? created;
            try
            {
                created = await client.PostAsync("/api/v1/tasks", new JsonObject { ["task"] = task.DeepClone() }, ct).ConfigureAwait(false);
            }
            catch (DmApiException e) when (e.ErrorCode == TaskExists)
            {
                var stages = (await TaskStages.OfAsync(client, taskName, ct).ConfigureAwait(false)).Distinct().ToList();
                if (stages.Any(stage => stage is not ("Stopped" or "Finished")))
                {
                    throw new DmApiException(e.ErrorCode, $"task {taskName} exists and is {string.Join(", ", stages)}: "
                        + $"stop it first (sluice stop-task {taskName}), or resume it (sluice resume-task {taskName})", e.StatusCode);
                }

                created = await client.PutAsync(path, new JsonObject { ["task"] = task.DeepClone() }, ct).ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"task {taskName} existed and was stopped: updated from {parse.GetValue(file)}").ConfigureAwait(false);
            }

            if (StatusFormat.Text(created, "check_result") is { Length: > 0 } checkResult)
                await Console.Out.WriteLineAsync(checkResult.Trim()).ConfigureAwait(false);

            var start = SourceFilter.AddTo(new JsonObject(), parse.GetValue(sources));
            if (parse.GetValue(removeMeta))
                start["remove_meta"] = true;
            if (parse.GetValue(startTime) is { Length: > 0 } time)
                start["start_time"] = time;
            await client.PostAsync(path + "/start", start, ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"task {taskName} started").ConfigureAwait(false);

            return parse.GetValue(watch) ?? !Console.IsOutputRedirected
                ? await TaskWatch.RunAsync(client, output, taskName, ct).ConfigureAwait(false)
                : 0;
        });
        return command;
    }
}
