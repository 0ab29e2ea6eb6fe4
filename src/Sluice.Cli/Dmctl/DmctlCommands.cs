using System.CommandLine;

namespace Sluice.Cli.Dmctl;

/// <summary>
/// The dmctl-style commands (operate-source, start-task, stop-task, pause-task, resume-task, query-status,
/// check-task, list-member) and their friendlier aliases (<c>source …</c>, <c>task …</c>), all calling a master's
/// DM OpenAPI v1.
/// </summary>
internal static class DmctlCommands
{
    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var master = new MasterOption();
        root.Options.Add(master.ForRoot());
        Command[] commands =
        [
            SourceCommands.OperateSource(master),
            StartTaskCommand.Create("start-task", master),
            TaskStageCommands.Stop("stop-task", master),
            TaskStageCommands.Pause("pause-task", master),
            TaskStageCommands.Resume("resume-task", master),
            QueryStatusCommand.Create("query-status", master),
            CheckTaskCommand.Create("check-task", master),
            ListMemberCommand.Create("list-member", master),
            SourceCommands.Source(master),
            Task(master),
        ];
        foreach (var command in commands)
        {
            command.Options.Add(master.ForCommand());
            root.Subcommands.Add(command);
        }
    }

    private static Command Task(MasterOption master) => new("task", "Start, stop, pause, resume, check tasks and show their status.")
    {
        StartTaskCommand.Create("start", master),
        TaskStageCommands.Stop("stop", master),
        TaskStageCommands.Pause("pause", master),
        TaskStageCommands.Resume("resume", master),
        QueryStatusCommand.Create("status", master),
        CheckTaskCommand.Create("check", master),
    };
}
