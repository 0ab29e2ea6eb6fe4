using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Sluice.Cli.Dmctl;

/// <summary>
/// start-task --watch: the dump and load progress of each source (from dump_status and load_status), then a sync
/// line per source (rows/s and lag), read from the task's status every second until Ctrl-C, which stops the watching
/// only: the task goes on in the server. A terminal gets live bars and a live line; other output (a pipe, a log)
/// gets a plain line whenever a figure changes.
/// </summary>
internal static class TaskWatch
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <returns>0, or 1 when the task stopped with an error while watched.</returns>
    public static async Task<int> RunAsync(DmApiClient client, IAnsiConsole output, string taskName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var path = $"/api/v1/tasks/{TaskArgument.Segment(taskName)}/status";
        var live = output.Profile.Capabilities.Interactive;
        try
        {
            var status = live
                ? await LoadingBarsAsync(client, output, path, cancellationToken).ConfigureAwait(false)
                : await PollAsync(client, path, LoadingLines(), cancellationToken).ConfigureAwait(false);
            if (Replicating(status))
            {
                status = live
                    ? await SyncingLiveAsync(client, output, path, cancellationToken).ConfigureAwait(false)
                    : await PollAsync(client, path, SyncingLines(), cancellationToken).ConfigureAwait(false);
            }

            return await EndedAsync(taskName, status).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Out.WriteLineAsync($"stopped watching; task {taskName} goes on (sluice query-status {taskName}, sluice stop-task {taskName})").ConfigureAwait(false);
            return 0;
        }
    }

    /// <summary>Reads the status every second, handing each to <paramref name="show"/> until it returns false; returns that status.</summary>
    private static async Task<JsonNode?> PollAsync(DmApiClient client, string path, Func<JsonNode?, bool> show, CancellationToken ct)
    {
        while (true)
        {
            var status = await client.GetAsync(path, ct).ConfigureAwait(false);
            if (!show(status))
                return status;
            await Task.Delay(Interval, ct).ConfigureAwait(false);
        }
    }

    private static async Task<JsonNode?> LoadingBarsAsync(DmApiClient client, IAnsiConsole output, string path, CancellationToken ct)
    {
        JsonNode? last = null;
        await output.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                last = await PollAsync(client, path, Phases((source, phase, percent) =>
                {
                    var key = source + " " + phase;
                    if (!bars.TryGetValue(key, out var bar))
                        bars[key] = bar = context.AddTask(Markup.Escape(key), maxValue: 100);
                    bar.Value = percent;
                    if (percent >= 100)
                        bar.StopTask();
                }), ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return last;
    }

    private static Func<JsonNode?, bool> LoadingLines()
    {
        var printed = new Dictionary<string, string>(StringComparer.Ordinal);
        return Phases((source, phase, percent) =>
        {
            var line = $"{source} {phase} {percent.ToString("0.00", CultureInfo.InvariantCulture)} %";
            if (printed.TryGetValue(source + " " + phase, out var before) && before == line)
                return;
            printed[source + " " + phase] = line;
            Console.Out.WriteLine(line);
        });
    }

    /// <summary>Shows each source's phases through <paramref name="show"/>; true while any source still dumps or loads.</summary>
    private static Func<JsonNode?, bool> Phases(Action<string, string, double> show)
    {
        var firstSeen = new Dictionary<string, string>(StringComparer.Ordinal);
        return status =>
        {
            var subtasks = TaskStages.Subtasks(status).ToList();
            foreach (var subtask in subtasks)
            {
                var source = StatusFormat.Text(subtask, "source_name");
                var phases = LoadPhases.Of(subtask, firstSeen.GetValueOrDefault(source));
                if (phases.Count > 0)
                    firstSeen.TryAdd(source, phases[0].Phase);
                foreach (var (phase, percent) in phases)
                    show(source, phase, percent);
            }

            return subtasks.Any(Loading);
        };
    }

    private static async Task<JsonNode?> SyncingLiveAsync(DmApiClient client, IAnsiConsole output, string path, CancellationToken ct)
    {
        JsonNode? last = null;
        await output.Live(new Text("")).StartAsync(async context =>
        {
            last = await PollAsync(client, path, status =>
            {
                context.UpdateTarget(new Text(SyncText(status)));
                context.Refresh();
                return Replicating(status);
            }, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return last;
    }

    private static Func<JsonNode?, bool> SyncingLines()
    {
        var printed = "";
        return status =>
        {
            var text = SyncText(status);
            if (text != printed)
                Console.Out.WriteLine(text);
            printed = text;
            return Replicating(status);
        };
    }

    /// <summary>One line per source: "mysql-01 Running, sync: 12 rows/s (3,456 events), lag 0 s, synced".</summary>
    private static string SyncText(JsonNode? status) => string.Join('\n', TaskStages.Subtasks(status).Select(subtask =>
    {
        var head = $"{StatusFormat.Text(subtask, "source_name")} {StatusFormat.Text(subtask, "stage")}";
        return subtask["sync_status"] is JsonObject sync ? $"{head}, sync: {StatusFormat.Sync(sync)}" : $"{head}, {StatusFormat.Text(subtask, "unit")}";
    }));

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
