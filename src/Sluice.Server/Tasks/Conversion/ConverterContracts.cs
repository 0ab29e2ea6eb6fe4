using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tasks.Conversion;

/// <summary>The spec's ConverterTaskRequest: exactly one of a task and a task file (DM's task YAML).</summary>
/// <remarks>The endpoint reads the body field by field (<see cref="ConverterEndpoints"/>); this type describes it in /api/v1/dm.json.</remarks>
public sealed record ConverterTaskRequest(ApiTask? Task = null, string? TaskConfigFile = null);

/// <summary>The spec's ConverterTaskResponse: the task in both forms, the password hidden in each.</summary>
public sealed record ConverterTaskResponse(ApiTask Task, string TaskConfigFile);
