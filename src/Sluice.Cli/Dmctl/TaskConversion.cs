using System.Text.Json.Nodes;

namespace Sluice.Cli.Dmctl;

/// <summary>A DM task file turned into the API's task JSON by the master (POST /api/v1/tasks/converters).</summary>
internal static class TaskConversion
{
    /// <summary>
    /// The converted task, ready for POST /api/v1/tasks. The converter hides the target's password in its answer,
    /// so the file's own is put back.
    /// </summary>
    public static async Task<JsonObject> ConvertAsync(DmApiClient master, TaskFileText file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(file);
        var answer = await master.PostAsync("/api/v1/tasks/converters", new JsonObject { ["task_config_file"] = file.Yaml }, cancellationToken).ConfigureAwait(false);
        if (answer is not JsonObject converted || converted["task"] is not JsonObject task)
            throw new DmApiException(null, "the master's converter answered without a task", 200);
        converted.Remove("task");
        return WithPassword(task, file.TargetPassword);
    }

    /// <summary>The task with <c>target_config.password</c> set to <paramref name="password"/> (left as is when null).</summary>
    public static JsonObject WithPassword(JsonObject task, string? password)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (password is not null && task["target_config"] is JsonObject target)
            target["password"] = password;
        return task;
    }
}
