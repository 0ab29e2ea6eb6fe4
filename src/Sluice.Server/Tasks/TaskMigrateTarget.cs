namespace Sluice.Server.Tasks;

/// <summary>The spec's TaskMigrateTarget: a source table and the target table it migrates to.</summary>
public sealed record TaskMigrateTarget(string SourceSchema, string SourceTable, string TargetSchema, string TargetTable);

/// <summary>The spec's GetTaskMigrateTargetsResponse.</summary>
public sealed record GetTaskMigrateTargetsResponse(int Total, IReadOnlyList<TaskMigrateTarget> Data);
