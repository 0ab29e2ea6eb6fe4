using System.CommandLine;

namespace Sluice.Cli.Dmctl;

/// <summary>
/// dmctl's <c>query-status [NAME] [--json]</c>: every task with its stage per source, or one task's subtasks with
/// their progress, sync rate, lag, binlog positions and error.
/// </summary>
internal static class QueryStatusCommand
{
    public static Command Create(string name, MasterOption master)
    {
        var task = new Argument<string?>("task-name-or-file") { Description = "One task (its name or DM task file); every task when left out.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON answer instead of tables." };
        var sources = SourceFilter.Create();
        var command = new Command(name, "Show the stage of every task, or one task's subtasks in detail.") { task, json, sources };
        DmctlAction.Set(command, master, parse => async (client, output, ct) =>
        {
            if (parse.GetValue(task) is { Length: > 0 } argument)
            {
                var taskName = await TaskArgument.TaskNameAsync(argument, ct).ConfigureAwait(false);
                var status = await client.GetAsync($"/api/v1/tasks/{TaskArgument.Segment(taskName)}/status{SourceFilter.Query(parse.GetValue(sources), '?')}", ct).ConfigureAwait(false);
                if (parse.GetValue(json))
                    await JsonOutput.WriteAsync(status).ConfigureAwait(false);
                else
                    output.Write(StatusTables.Subtasks(taskName, status));
                return 0;
            }

            var list = await client.GetAsync($"/api/v1/tasks?with_status=true{SourceFilter.Query(parse.GetValue(sources), '&')}", ct).ConfigureAwait(false);
            if (parse.GetValue(json))
                await JsonOutput.WriteAsync(list).ConfigureAwait(false);
            else
                output.Write(StatusTables.Tasks(list));
            return 0;
        });
        return command;
    }
}
