using System.CommandLine;
using Sluice.Cli.Configuration;
using Sluice.Migration;

namespace Sluice.Cli.Migrate;

/// <summary><c>sluice migrate --task task.yaml [--source source.yaml ...]</c>: runs a DM task file by its task-mode.</summary>
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
        var skipDdl = new Option<string[]>("--skip-ddl")
        {
            Description = "Skip the DDL the target refused at this binlog position (as its error names it), as dmctl binlog skip. Repeat for several.",
        };
        var replaceDdl = new Option<string[]>("--replace-ddl")
        {
            Description = "\"POSITION=SQL;SQL\": run these statements instead of the DDL the target refused at POSITION, as dmctl binlog replace.",
        };
        var startTime = new Option<string?>("--start-time")
        {
            Description = "Replicate from the first transaction begun at or after this moment (\"2026-11-25 10:00:00\", UTC unless an offset is given), when the target holds no checkpoint; as dmctl start-task --start-time.",
        };
        var untilCaughtUp = new Option<bool>("--until-caught-up")
        {
            Description = "Replicate up to the end of the source's binlog as it is when replication starts, then stop at a checkpoint instead of waiting for more.",
        };
        var command = new Command("migrate", "Run a DM task file: full dumps and loads, then exits printing the position reached; all and incremental replicate until Ctrl-C and stop at a checkpoint; dump and load run one unit.")
        {
            taskFile, sourceFiles, quiet, startTime, skipDdl, replaceDdl, untilCaughtUp,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var task = await ReadTaskAsync(parse.GetValue(taskFile)!, parse.GetValue(sourceFiles) ?? [], cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(startTime) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var moment))
                    throw new TaskConfigException($"--start-time '{text}' is not a date and time such as 2026-11-25 10:00:00");
                task = task with { StartTime = moment };
            }

            task = task with
            {
                DdlOverrides = DdlOverrides(parse.GetValue(skipDdl) ?? [], parse.GetValue(replaceDdl) ?? []),
                UntilCaughtUp = parse.GetValue(untilCaughtUp),
            };

            using var display = new ProgressDisplay(parse.GetValue(quiet));
            using var syncDisplay = new SyncStatusDisplay(parse.GetValue(quiet));
            var result = await TaskRunner.RunAsync(task, display, syncDisplay, cancellationToken, (source, error, delay) =>
                syncDisplay.Tell($"{source} Sync  paused: {error.Message}; resuming in {delay.TotalSeconds:F0} s")).ConfigureAwait(false);
            display.Finish();
            syncDisplay.Finish();
            foreach (var source in result.Full)
                Console.WriteLine(source.Describe());
            foreach (var (sourceId, checkpoint) in result.Sync)
                Console.WriteLine($"source {sourceId}: replication stopped at {checkpoint?.ToString() ?? "its start (nothing applied)"}");
            return 0;
        }));
        return command;
    }

    private static List<DdlOverride> DdlOverrides(string[] skips, string[] replacements)
    {
        var overrides = new List<DdlOverride>();
        foreach (var text in skips)
        {
            if (!Sluice.MySql.Positions.BinlogPosition.TryParse(text, out var at))
                throw new TaskConfigException($"--skip-ddl '{text}' is not a binlog position such as binlog.000003:4521");
            overrides.Add(new DdlOverride(at, null));
        }

        foreach (var text in replacements)
        {
            var split = text.IndexOf('=', StringComparison.Ordinal);
            if (split < 0 || !Sluice.MySql.Positions.BinlogPosition.TryParse(text[..split], out var at))
                throw new TaskConfigException($"--replace-ddl '{text}' is not POSITION=SQL, such as \"binlog.000003:4521=ALTER TABLE db.t ADD COLUMN c INT\"");
            var statements = text[(split + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (statements.Length == 0)
                throw new TaskConfigException($"--replace-ddl '{text}' gives no statement; use --skip-ddl to skip it");
            overrides.Add(new DdlOverride(at, statements));
        }

        return overrides;
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
