using System.Text.Json.Nodes;
using Sluice.Cli.Dmctl;
using Spectre.Console.Rendering;

namespace Sluice.Cli.Tests.Dmctl;

public sealed class StatusTablesTests
{
    private const string SyncingSubtask = """
        {"name": "t1", "source_name": "mysql-01", "worker_name": "worker-1", "stage": "Running", "unit": "sync", "unresolved_ddl_lock_id": "",
         "load_status": {"finished_bytes": 10, "total_bytes": 10, "progress": "100.00 %", "meta_binlog": "", "meta_binlog_gtid": "", "bps": 0},
         "sync_status": {"total_events": 100, "total_tps": 5, "recent_tps": 7, "master_binlog": "(binlog.000002, 900)", "master_binlog_gtid": "0-1-9",
                         "syncer_binlog": "(binlog.000002, 800)", "syncer_binlog_gtid": "0-1-8", "blocking_ddls": [], "unresolved_groups": [],
                         "synced": false, "binlog_type": "remote", "seconds_behind_master": 2}}
        """;

    [Fact]
    public void A_tasks_subtasks_show_stage_unit_rates_lag_and_both_binlog_positions()
    {
        var status = JsonNode.Parse($$"""{"total": 1, "data": [{{SyncingSubtask}}]}""");

        var text = Render(StatusTables.Subtasks("t1", status));

        Assert.Contains("task t1, source mysql-01", text, StringComparison.Ordinal);
        Assert.Matches(@"worker\s*│ worker-1", text);
        Assert.Matches(@"stage\s*│ Running", text);
        Assert.Matches(@"unit\s*│ sync", text);
        Assert.Matches(@"load\s*│ load 100.00 %", text);
        Assert.Matches(@"tps\s*│ 7 recent, 5 overall", text);
        Assert.Matches(@"lag\s*│ 2 s", text);
        Assert.Matches(@"master binlog\s*│ \(binlog\.000002, 900\) gtid 0-1-9", text);
        Assert.Matches(@"syncer binlog\s*│ \(binlog\.000002, 800\) gtid 0-1-8", text);
        Assert.Matches(@"synced\s*│ no", text);
        Assert.DoesNotContain("error", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_is_shown_and_server_text_is_never_read_as_markup()
    {
        var subtask = JsonNode.Parse(SyncingSubtask)!.AsObject();
        subtask["stage"] = "Paused";
        subtask["error_msg"] = "Duplicate entry [1] for key [PRIMARY]";

        var text = Render(StatusTables.Subtask("t1", subtask));

        Assert.Matches(@"stage\s*│ Paused", text);
        Assert.Contains("Duplicate entry [1] for key [PRIMARY]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_task_shows_its_stage_per_source()
    {
        var list = JsonNode.Parse("""
            {"total": 2, "data": [
              {"name": "a", "task_mode": "all", "status_list": [
                {"name": "a", "source_name": "s1", "worker_name": "w", "stage": "Running", "unit": "sync"},
                {"name": "a", "source_name": "s2", "worker_name": "w", "stage": "Paused", "unit": "load", "error_msg": "boom"}]},
              {"name": "b", "task_mode": "full", "status_list": []}]}
            """);

        var lines = Render(StatusTables.Tasks(list)).Split('\n');

        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"a\s*│ all\s*│ s1\s*│ Running\s*│ sync"));
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"a\s*│ all\s*│ s2\s*│ Paused\s*│ load\s*│ boom"));
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"│ b\s*│ full\s*│"));
    }

    [Fact]
    public void No_tasks_says_so() =>
        Assert.Contains("(no tasks)", Render(StatusTables.Tasks(JsonNode.Parse("""{"total": 0, "data": []}"""))), StringComparison.Ordinal);

    private static string Render(IRenderable renderable)
    {
        using var writer = new StringWriter();
        DmctlConsole.Plain(writer).Write(renderable);
        return writer.ToString();
    }
}
