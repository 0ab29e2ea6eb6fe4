using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Sluice.Cli.Dmctl;

/// <summary>query-status as tables: every task with its stage per source, or one task's subtasks in detail.</summary>
internal static class StatusTables
{
    /// <summary>One row per task and source, from GET /api/v1/tasks?with_status=true.</summary>
    public static Table Tasks(JsonNode? list)
    {
        var table = new Table().AddColumns("Task", "Mode", "Source", "Stage", "Unit", "Error");
        foreach (var task in (list?["data"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = StatusFormat.Text(task, "name");
            var mode = StatusFormat.Text(task, "task_mode");
            var subtasks = (task["status_list"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            if (subtasks.Count == 0)
                table.AddRow(Cells(name, mode, "", "", "", ""));
            foreach (var subtask in subtasks)
            {
                table.AddRow(Cells(name, mode, StatusFormat.Text(subtask, "source_name"), StatusFormat.Text(subtask, "stage"),
                    StatusFormat.Text(subtask, "unit"), StatusFormat.Text(subtask, "error_msg")));
            }
        }

        if (table.Rows.Count == 0)
            table.AddRow(Cells("(no tasks)", "", "", "", "", ""));
        return table;
    }

    /// <summary>One table per source of the task, from GET /api/v1/tasks/{name}/status.</summary>
    public static IRenderable Subtasks(string taskName, JsonNode? status)
    {
        var tables = new List<IRenderable>();
        foreach (var subtask in (status?["data"] as JsonArray ?? []).OfType<JsonObject>())
            tables.Add(Subtask(taskName, subtask));
        if (tables.Count == 0)
            tables.Add(new Text($"task {taskName} has no subtasks"));
        return new Rows(tables);
    }

    public static Table Subtask(string taskName, JsonObject subtask)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape($"task {taskName}, source {StatusFormat.Text(subtask, "source_name")}")) }
            .AddColumns("Field", "Value");
        Add("source", StatusFormat.Text(subtask, "source_name"));
        Add("worker", StatusFormat.Text(subtask, "worker_name"));
        Add("stage", StatusFormat.Text(subtask, "stage"));
        Add("unit", StatusFormat.Text(subtask, "unit"));
        if (subtask["dump_status"] is JsonObject dump)
            Add("dump", StatusFormat.Dump(dump));
        if (subtask["load_status"] is JsonObject load)
            Add("load", StatusFormat.Load(load));
        if (subtask["sync_status"] is JsonObject sync)
        {
            Add("sync", StatusFormat.Sync(sync));
            Add("tps", $"{StatusFormat.Count(StatusFormat.Number(sync, "recent_tps"))} recent, {StatusFormat.Count(StatusFormat.Number(sync, "total_tps"))} overall");
            Add("lag", $"{StatusFormat.Count(StatusFormat.Number(sync, "seconds_behind_master"))} s (seconds_behind_master)");
            Add("master binlog", StatusFormat.Binlog(StatusFormat.Text(sync, "master_binlog"), StatusFormat.Text(sync, "master_binlog_gtid")));
            Add("syncer binlog", StatusFormat.Binlog(StatusFormat.Text(sync, "syncer_binlog"), StatusFormat.Text(sync, "syncer_binlog_gtid")));
            Add("synced", StatusFormat.Flag(sync, "synced") ? "yes" : "no");
        }

        if (StatusFormat.Text(subtask, "error_msg") is { Length: > 0 } error)
            Add("error", error);
        return table;

        void Add(string field, string value) => table.AddRow(new Text(field), new Text(value));
    }

    /// <summary>Cells as plain text: server-provided values are never read as Spectre markup.</summary>
    public static IRenderable[] Cells(params string[] values) => [.. values.Select(value => (IRenderable)new Text(value))];
}
