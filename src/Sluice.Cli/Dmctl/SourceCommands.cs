using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Sluice.Cli.Configuration;

namespace Sluice.Cli.Dmctl;

/// <summary>
/// dmctl's <c>operate-source create|show|stop</c> over /api/v1/sources, and the same as
/// <c>sluice source create|list|show|delete</c>.
/// </summary>
internal static class SourceCommands
{
    public static Command OperateSource(MasterOption master)
    {
        var command = new Command("operate-source", "Register, show or remove upstream sources (dmctl operate-source).");
        command.Subcommands.Add(Create("create", master));
        command.Subcommands.Add(Show("show", master, positional: false));
        command.Subcommands.Add(Stop("stop", "Remove sources, named by their source files or -s (dmctl operate-source stop).", master));
        return command;
    }

    public static Command Source(MasterOption master)
    {
        var command = new Command("source", "Register, list, show or delete upstream sources.");
        command.Subcommands.Add(Create("create", master));
        command.Subcommands.Add(Show("list", master, positional: false));
        command.Subcommands.Add(Show("show", master, positional: true));
        command.Subcommands.Add(Stop("delete", "Delete sources, named or given by their source files.", master));
        return command;
    }

    private static Command Create(string name, MasterOption master)
    {
        var files = new Argument<string[]>("source-file") { Description = "DM source files (source.yaml).", Arity = ArgumentArity.OneOrMore };
        var command = new Command(name, "Register the sources described by DM source files (POST /api/v1/sources).") { files };
        DmctlAction.Set(command, master, parse => async (client, output, ct) =>
        {
            var created = new Table().AddColumns("Source", "Host", "Port", "User", "Flavor", "GTID");
            var failed = false;
            foreach (var file in parse.GetValue(files)!)
            {
                try
                {
                    var source = SourceFileReader.Read(await File.ReadAllTextAsync(file, ct).ConfigureAwait(false), file);
                    foreach (var missing in SourceRequest.NotCarried(source))
                        await Console.Error.WriteLineAsync($"note: {file}: {missing} is not kept by the server").ConfigureAwait(false);
                    var answer = await client.PostAsync("/api/v1/sources", SourceRequest.From(source, File.ReadAllText), ct).ConfigureAwait(false);
                    created.AddRow(StatusTables.Cells(source.SourceId, StatusFormat.Text(answer, "host"), StatusFormat.Integer(answer, "port"),
                        StatusFormat.Text(answer, "user"), StatusFormat.Text(answer, "flavor"), StatusFormat.Flag(answer, "enable_gtid") ? "on" : "off"));
                }
                catch (DmApiException e)
                {
                    // dmctl goes on with the other files and reports each.
                    await Console.Error.WriteLineAsync(e.ToErrorLine()).ConfigureAwait(false);
                    failed = true;
                }
                catch (Exception e) when (e is TaskConfigException or IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                    failed = true;
                }
            }

            if (created.Rows.Count > 0)
            {
                await Console.Out.WriteLineAsync("created:").ConfigureAwait(false);
                output.Write(created);
            }

            return failed ? 1 : 0;
        });
        return command;
    }

    private static Command Show(string name, MasterOption master, bool positional)
    {
        var sources = new Option<string[]>("--source", "-s") { Description = "Only these sources.", AllowMultipleArgumentsPerToken = true };
        var names = new Argument<string[]>("source") { Description = "Only these sources.", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON answer." };
        var command = new Command(name, "Show registered sources with their worker and tasks (GET /api/v1/sources?with_status=true).") { sources, json };
        if (positional)
            command.Arguments.Add(names);
        DmctlAction.Set(command, master, parse => async (client, output, ct) =>
        {
            var wanted = (parse.GetValue(sources) ?? []).Concat(positional ? parse.GetValue(names) ?? [] : []).ToHashSet(StringComparer.Ordinal);
            var answer = await client.GetAsync("/api/v1/sources?with_status=true", ct).ConfigureAwait(false);
            var list = (answer?["data"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(source => wanted.Count == 0 || wanted.Contains(StatusFormat.Text(source, "source_name")))
                .ToList();
            var unknown = wanted.Except(list.Select(source => StatusFormat.Text(source, "source_name"))).ToList();
            if (parse.GetValue(json))
                await JsonOutput.WriteAsync(new JsonObject { ["total"] = list.Count, ["data"] = new JsonArray([.. list.Select(s => s.DeepClone())]) }).ConfigureAwait(false);
            else
                output.Write(SourceTable.Of(list));
            foreach (var missing in unknown)
                await Console.Error.WriteLineAsync($"error: source {missing} does not exist").ConfigureAwait(false);
            return unknown.Count > 0 ? 1 : 0;
        });
        return command;
    }

    private static Command Stop(string name, string description, MasterOption master)
    {
        var sources = new Option<string[]>("--source", "-s") { Description = "Sources to remove, by name.", AllowMultipleArgumentsPerToken = true };
        var targets = new Argument<string[]>("source-file-or-name") { Description = "DM source files (their source-id is removed), or source names.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command(name, description) { targets, sources };
        DmctlAction.Set(command, master, parse => async (client, output, ct) =>
        {
            var names = new List<string>(parse.GetValue(sources) ?? []);
            foreach (var target in parse.GetValue(targets) ?? [])
            {
                names.Add(TaskArgument.IsFile(target)
                    ? SourceFileReader.Read(await File.ReadAllTextAsync(target, ct).ConfigureAwait(false), target).SourceId
                    : target);
            }

            if (names.Count == 0)
                throw new ArgumentException("name the sources: give their source files, or -s NAME");
            var failed = false;
            foreach (var source in names.Distinct(StringComparer.Ordinal))
            {
                try
                {
                    await client.DeleteAsync($"/api/v1/sources/{TaskArgument.Segment(source)}", ct).ConfigureAwait(false);
                    await Console.Out.WriteLineAsync($"source {source} removed").ConfigureAwait(false);
                }
                catch (DmApiException e)
                {
                    await Console.Error.WriteLineAsync(e.ToErrorLine()).ConfigureAwait(false);
                    failed = true;
                }
            }

            return failed ? 1 : 0;
        });
        return command;
    }
}
