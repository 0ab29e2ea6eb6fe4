using System.Text.Json;
using Sluice.Coordination;
using Sluice.Server.Errors;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tasks.Templates;

/// <summary>
/// Task templates (DM's saved task configurations that are not tasks) as documents of kind "task_template": the
/// API's task, the target's password sealed by the <see cref="SecretBox"/>.
/// </summary>
internal sealed class TaskTemplateRepository(IMetadataStore store, SecretBox secrets)
{
    private const string Kind = "task_template";

    public async Task<ApiTask?> GetAsync(string name, CancellationToken cancellationToken) =>
        await store.GetAsync(Kind, name, cancellationToken).ConfigureAwait(false) is { } document ? Deserialize(document) : null;

    public async Task<IReadOnlyList<ApiTask>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(Kind, cancellationToken).ConfigureAwait(false)).Select(Deserialize)];

    /// <summary>Stores a new template; false when the name is taken.</summary>
    public async Task<bool> CreateAsync(ApiTask template, CancellationToken cancellationToken) =>
        await store.CreateAsync(Kind, template.Name!, Serialize(template), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Replaces a template; false when there is none.</summary>
    public async Task<bool> UpdateAsync(ApiTask template, CancellationToken cancellationToken) =>
        await store.UpdateAsync(Kind, template.Name!, Serialize(template), null, cancellationToken).ConfigureAwait(false) is not null;

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) => store.DeleteAsync(Kind, name, cancellationToken);

    public static ApiException NotFound(string name) =>
        new(DmErrorCodes.SchedulerTaskNotExist, $"task template {name} does not exist");

    private string Serialize(ApiTask template)
    {
        var stored = template with { StatusList = null };
        if (stored.TargetConfig is { Password: { Length: > 0 } password } target && !SecretBox.IsSealed(password))
            stored = stored with { TargetConfig = target with { Password = secrets.Seal(password) } };
        return JsonSerializer.Serialize(stored, TaskJson.Options);
    }

    private static ApiTask Deserialize(StoredDocument document) => TaskJson.Parse(document.Document);
}
