using System.Text.Json.Nodes;
using Spectre.Console;

namespace Sluice.Cli.Dmctl;

/// <summary>
/// start-task --watch: a live progress bar per source of the dump and the load (from dump_status and load_status),
/// then a live sync line per source (rows/s and lag), read from the task's status every second until Ctrl-C. Ctrl-C
/// stops the watching only; the task goes on in the server.
/// </summary>
internal static class TaskWatch
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <returns>0, or 1 when the task stopped with an error while watched.</returns>
    public static async Task<int> RunAsync(DmApiClient client, IAnsiConsole output, string taskName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var path = $"/api/v1/tasks/{TaskArgument.Segment(taskName)}/status";
        try
        {
            var status = await LoadingAsync(client, output, path, cancellationToken).ConfigureAwait(false);
            if (!Replicating(status))
                return await EndedAsync(taskName, status).ConfigureAwait(false);
            status = await SyncingAsync(client, output, path, cancellationToken).ConfigureAwait(false);
            return await EndedAsync(taskName, status).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Out.WriteLineAsync($"stopped watching; task {taskName} goes on (sluice query-status {taskName}, sluice stop-task {taskName})").ConfigureAwait(false);
            return 0;
        }
    }

    /// <summary>Bars while any source dumps or loads; returns the first status where none does.</summary>
    private static async Task<JsonNode?> LoadingAsync(DmApiClient client, IAnsiConsole output, string path, CancellationToken ct)
    {
        JsonNode? last = null;
        await output.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                while (true)
                {
                    last = await client.GetAsync(path, ct).ConfigureAwait(false);
                    var subtasks = TaskStages.Subtasks(last).ToList();
                    foreach (var subtask in subtasks)
                    {
                        var source = StatusFormat.Text(subtask, "source_name");
                        var unit = StatusFormat.Text(subtask, "unit");
                        Update(source, "dump", subtask["dump_status"], unit);
                        Update(source, "load", subtask["load_status"], unit);
                    }

                    if (subtasks.Count == 0 || subtasks.All(subtask => !Loading(subtask)))
                        return;
                    await Task.Delay(Interval, ct).ConfigureAwait(false);
                }

                void Update(string source, string phase, JsonNode? phaseStatus, string unit)
                {
                    var key = source + " " + phase;
                    if (phaseStatus is null && !(unit == phase))
                        return;
                    if (!bars.TryGetValue(key, out var bar))
                        bars[key] = bar = context.AddTask(Markup.Escape(key), maxValue: 100);
                    // A unit past this phase finished it, whatever its last reported figure.
                    bar.Value = unit == phase ? StatusFormat.Percent(StatusFormat.Text(phaseStatus, "progress")) : 100;
                    if (unit != phase)
                        bar.StopTask();
                }
            }).ConfigureAwait(false);
        return last;
    }

    /// <summary>A live line per source while the task replicates; returns the status that ended it.</summary>
    private static async Task<JsonNode?> SyncingAsync(DmApiClient client, IAnsiConsole output, string path, CancellationToken ct)
    {
        JsonNode? last = null;
        await output.Live(new Text("")).StartAsync(async context =>
        {
            while (true)
            {
                last = await client.GetAsync(path, ct).ConfigureAwait(false);
                context.UpdateTarget(new Text(string.Join('\n', TaskStages.Subtasks(last).Select(SyncLine))));
                context.Refresh();
                if (!Replicating(last))
                    return;
                await Task.Delay(Interval, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return last;
    }

    private static string SyncLine(JsonObject subtask)
    {
        var source = StatusFormat.Text(subtask, "source_name");
        var stage = StatusFormat.Text(subtask, "stage");
        return subtask["sync_status"] is JsonObject sync
            ? $"{source} {stage}, sync: {StatusFormat.Sync(sync)}"
            : $"{source} {stage}, {StatusFormat.Text(subtask, "unit")}";
    }

    private static async Task<int> EndedAsync(string taskName, JsonNode? status)
    {
        var failed = false;
        foreach (var subtask in TaskStages.Subtasks(status))
        {
            var line = $"task {taskName}, source {StatusFormat.Text(subtask, "source_name")}: {StatusFormat.Text(subtask, "stage")}";
            if (StatusFormat.Text(subtask, "error_msg") is { Length: > 0 } error)
            {
                failed = true;
                await Console.Error.WriteLineAsync($"{line}: {error}").ConfigureAwait(false);
            }
            else
            {
                await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
            }
        }

        return failed ? 1 : 0;
    }

    private static bool Loading(JsonObject subtask) =>
        StatusFormat.Text(subtask, "stage") == "Running" && StatusFormat.Text(subtask, "unit") is "dump" or "load";

    private static bool Replicating(JsonNode? status) =>
        TaskStages.Subtasks(status).Any(subtask => StatusFormat.Text(subtask, "stage") == "Running");
}
