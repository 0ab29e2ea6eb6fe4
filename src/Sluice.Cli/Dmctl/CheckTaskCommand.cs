using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Sluice.Cli.Dmctl;

/// <summary>
/// dmctl's <c>check-task task.yaml</c>. The API has no precheck-only call, but creating a task runs the precheck
/// and answers its check_result; so the converted task is created under a throwaway name (so that an existing task
/// of the file's name is neither needed nor touched) and deleted again, its meta kept: it never ran, so there is
/// none, and nothing on the target is touched.
/// </summary>
internal static class CheckTaskCommand
{
    public static Command Create(string name, MasterOption master)
    {
        var file = new Argument<string>("task-file") { Description = "The DM task file (task.yaml)." };
        var command = new Command(name, "Run the precheck of a DM task file without keeping the task.") { file };
        DmctlAction.Set(command, master, parse => async (client, output, ct) =>
        {
            var text = await TaskFileText.ReadAsync(parse.GetValue(file)!, ct).ConfigureAwait(false);
            var task = await TaskConversion.ConvertAsync(client, text, ct).ConfigureAwait(false);
            var throwaway = ThrowawayName();
            task["name"] = throwaway;
            var created = await client.PostAsync("/api/v1/tasks", new JsonObject { ["task"] = task }, ct).ConfigureAwait(false);
            try
            {
                await Console.Out.WriteLineAsync($"task {text.Name}: {StatusFormat.Text(created, "check_result").Trim()}").ConfigureAwait(false);
            }
            finally
            {
                // Deleted even after Ctrl-C: the throwaway task must not stay behind.
                await client.DeleteAsync($"/api/v1/tasks/{TaskArgument.Segment(throwaway)}?keep_meta=true", CancellationToken.None).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    /// <summary>A valid task name (letters, digits, '-') no other task has.</summary>
    internal static string ThrowawayName() => "sluice-check-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
