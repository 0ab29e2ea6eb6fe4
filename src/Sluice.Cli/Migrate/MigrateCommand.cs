using System.CommandLine;
using Sluice.Cli.Configuration;
using Sluice.Migration;

namespace Sluice.Cli.Migrate;

/// <summary><c>sluice migrate --task task.yaml [--source source.yaml ...]</c>: runs a DM task file's full migration.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var taskFile = new Option<FileInfo>("--task") { Description = "A DM task file (task.yaml).", Required = true };
        var sourceFiles = new Option<FileInfo[]>("--source")
        {
            Description = "DM source files (source.yaml) for instances without an inline from:. Repeat for several.",
            AllowMultipleArgumentsPerToken = true,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress output." };
        var command = new Command("migrate", "Run a DM task file: task-mode full dumps and loads, then exits printing the position reached; dump and load run one unit.")
        {
            taskFile, sourceFiles, quiet,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var task = await ReadTaskAsync(parse.GetValue(taskFile)!, parse.GetValue(sourceFiles) ?? [], cancellationToken).ConfigureAwait(false);
            if (task.Mode is TaskMode.All or TaskMode.Incremental)
            {
                await Console.Error.WriteLineAsync(
                    $"sluice: error: task-mode {task.Mode.ToString().ToLowerInvariant()} needs incremental replication, which this version cannot run yet; use task-mode full (then dump and load are done and the position to replicate from is printed)").ConfigureAwait(false);
                return 2;
            }

            using var display = new ProgressDisplay(parse.GetValue(quiet));
            var results = await FullMigration.RunAsync(task, display, cancellationToken).ConfigureAwait(false);
            display.Finish();
            foreach (var result in results)
                Console.WriteLine(result.Describe());
            return 0;
        }));
        return command;
    }

    private static async Task<MigrationTask> ReadTaskAsync(FileInfo taskFile, FileInfo[] sourceFiles, CancellationToken cancellationToken)
    {
        if (!taskFile.Exists)
            throw new TaskConfigException($"no such task file: {taskFile.FullName}");
        var sources = new List<(string Origin, string Yaml)>();
        foreach (var file in sourceFiles)
        {
            if (!file.Exists)
                throw new TaskConfigException($"no such source file: {file.FullName}");
            sources.Add((file.Name, await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false)));
        }

        var yaml = await File.ReadAllTextAsync(taskFile.FullName, cancellationToken).ConfigureAwait(false);
        return TaskFileReader.Read(yaml, SourceFileReader.ReadAll(sources), taskFile.Name);
    }
}
