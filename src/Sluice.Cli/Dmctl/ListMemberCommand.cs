using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Sluice.Cli.Dmctl;

/// <summary>dmctl's <c>list-member [--leader] [--master] [--worker]</c>: GET /api/v1/cluster/masters and /workers.</summary>
internal static class ListMemberCommand
{
    public static Command Create(string name, MasterOption master)
    {
        var leader = new Option<bool>("--leader") { Description = "Only the leader master." };
        var masters = new Option<bool>("--master") { Description = "Only the masters." };
        var workers = new Option<bool>("--worker") { Description = "Only the workers." };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON answers." };
        var command = new Command(name, "List the masters and workers of the cluster.") { leader, masters, workers, json };
        DmctlAction.Set(command, master, parse => async (client, output, ct) =>
        {
            var onlyLeader = parse.GetValue(leader);
            var all = !onlyLeader && !parse.GetValue(masters) && !parse.GetValue(workers);
            var answers = new JsonObject();
            if (all || onlyLeader || parse.GetValue(masters))
            {
                var list = await client.GetAsync("/api/v1/cluster/masters", ct).ConfigureAwait(false);
                var rows = Data(list).Where(m => !onlyLeader || StatusFormat.Flag(m, "leader")).ToList();
                answers[onlyLeader ? "leader" : "masters"] = new JsonObject { ["total"] = rows.Count, ["data"] = new JsonArray([.. rows.Select(r => r.DeepClone())]) };
                if (!parse.GetValue(json))
                {
                    var table = new Table { Title = new TableTitle(onlyLeader ? "leader" : "masters") }.AddColumns("Name", "Address", "Alive", "Leader");
                    foreach (var row in rows)
                        table.AddRow(StatusTables.Cells(StatusFormat.Text(row, "name"), StatusFormat.Text(row, "addr"), YesNo(row, "alive"), YesNo(row, "leader")));
                    output.Write(table);
                }
            }

            if (all || parse.GetValue(workers))
            {
                var list = await client.GetAsync("/api/v1/cluster/workers", ct).ConfigureAwait(false);
                answers["workers"] = list?.DeepClone();
                if (!parse.GetValue(json))
                {
                    var table = new Table { Title = new TableTitle("workers") }.AddColumns("Name", "Address", "Stage", "Source");
                    foreach (var row in Data(list))
                        table.AddRow(StatusTables.Cells(StatusFormat.Text(row, "name"), StatusFormat.Text(row, "addr"), StatusFormat.Text(row, "bound_stage"), StatusFormat.Text(row, "bound_source_name")));
                    output.Write(table);
                }
            }

            if (parse.GetValue(json))
                await JsonOutput.WriteAsync(answers).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static IEnumerable<JsonObject> Data(JsonNode? list) => (list?["data"] as JsonArray ?? []).OfType<JsonObject>();

    private static string YesNo(JsonNode row, string key) => StatusFormat.Flag(row, key) ? "yes" : "no";
}
