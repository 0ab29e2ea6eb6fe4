using System.Text.Json.Nodes;
using Spectre.Console;

namespace Sluice.Cli.Dmctl;

/// <summary>Sources as a table; the password is never shown (the API masks it anyway).</summary>
internal static class SourceTable
{
    public static Table Of(IEnumerable<JsonObject> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var table = new Table().AddColumns("Source", "Host", "Port", "User", "Flavor", "GTID", "Enabled", "Worker", "Tasks");
        foreach (var source in sources)
        {
            var workers = (source["status_list"] as JsonArray ?? []).Select(status => StatusFormat.Text(status, "worker_name"));
            var tasks = (source["task_name_list"] as JsonArray ?? []).Select(task => task?.GetValue<string>() ?? "");
            table.AddRow(StatusTables.Cells(
                StatusFormat.Text(source, "source_name"),
                StatusFormat.Text(source, "host"),
                StatusFormat.Integer(source, "port"),
                StatusFormat.Text(source, "user"),
                StatusFormat.Text(source, "flavor"),
                StatusFormat.Flag(source, "enable_gtid") ? "on" : "off",
                StatusFormat.Flag(source, "enable") ? "yes" : "no",
                string.Join(", ", workers),
                string.Join(", ", tasks)));
        }

        if (table.Rows.Count == 0)
            table.AddRow(StatusTables.Cells("(no sources)", "", "", "", "", "", "", "", ""));
        return table;
    }
}
