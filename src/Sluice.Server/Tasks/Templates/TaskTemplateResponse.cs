namespace Sluice.Server.Tasks.Templates;

/// <summary>The spec's TaskTemplateResponse: which tasks an import made templates of, and which it could not.</summary>
/// <remarks>Describes the import's answer in /api/v1/dm.json; the endpoint writes the same fields.</remarks>
public sealed record TaskTemplateResponse(IReadOnlyList<string> SuccessTaskList, IReadOnlyList<TaskTemplateImportFailure> FailedTaskList);

/// <summary>One entry of failed_task_list.</summary>
public sealed record TaskTemplateImportFailure(string TaskName, string ErrorMsg);
