using System.Collections.Concurrent;
using System.Text.Json;
using Sluice.Coordination;
using Sluice.Server.Errors;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tasks;

/// <summary>
/// Tasks as documents of kind "task" in the metadata store: the API's task with the target's password (and TLS key)
/// sealed by the <see cref="SecretBox"/>, and the stage last asked for. Which sources each task reads is also kept in
/// memory, because <see cref="Sources.ISourceUsage"/> is asked synchronously; <see cref="LoadAsync"/> fills it at start.
/// </summary>
internal sealed class TaskRepository(IMetadataStore store, SecretBox secrets)
{
    private const string Kind = "task";

    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _sourcesByTask = new(StringComparer.Ordinal);

    /// <summary>Reads every stored task once, to know which sources they use; returns them.</summary>
    public async Task<IReadOnlyList<StoredTask>> LoadAsync(CancellationToken cancellationToken)
    {
        var tasks = await ListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var task in tasks)
            _sourcesByTask[task.Name] = task.SourceNames;
        return tasks;
    }

    public async Task<StoredTask?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var document = await store.GetAsync(Kind, name, cancellationToken).ConfigureAwait(false);
        return document is null ? null : Deserialize(document);
    }

    /// <summary>The stored task; a 400 with DM's code for a missing task when there is none.</summary>
    public async Task<StoredTask> GetRequiredAsync(string name, CancellationToken cancellationToken) =>
        await GetAsync(name, cancellationToken).ConfigureAwait(false) ?? throw NotFound(name);

    public async Task<IReadOnlyList<StoredTask>> ListAsync(CancellationToken cancellationToken)
    {
        var documents = await store.ListAsync(Kind, cancellationToken).ConfigureAwait(false);
        return [.. documents.Select(Deserialize)];
    }

    /// <summary>Stores a new task (target password in clear, sealed here); false when the name is taken.</summary>
    public async Task<bool> CreateAsync(StoredTask task, CancellationToken cancellationToken)
    {
        var created = await store.CreateAsync(Kind, task.Name, Serialize(Seal(task)), cancellationToken).ConfigureAwait(false) is not null;
        if (created)
            _sourcesByTask[task.Name] = task.SourceNames;
        return created;
    }

    /// <summary>Replaces a task (secrets in clear or already sealed); false when there is none.</summary>
    public async Task<bool> UpdateAsync(StoredTask task, CancellationToken cancellationToken)
    {
        var updated = await store.UpdateAsync(Kind, task.Name, Serialize(Seal(task)), null, cancellationToken).ConfigureAwait(false) is not null;
        if (updated)
            _sourcesByTask[task.Name] = task.SourceNames;
        return updated;
    }

    /// <summary>Records the stage last asked for; false when the task is gone.</summary>
    public async Task<bool> SetStageAsync(string name, TaskRequestedStage stage, CancellationToken cancellationToken)
    {
        var task = await GetAsync(name, cancellationToken).ConfigureAwait(false);
        return task is not null && (task.Stage == stage || await UpdateAsync(task with { Stage = stage }, cancellationToken).ConfigureAwait(false));
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteAsync(Kind, name, cancellationToken).ConfigureAwait(false);
        _sourcesByTask.TryRemove(name, out _);
        return deleted;
    }

    /// <summary>Names of the stored tasks whose source_conf names <paramref name="sourceName"/>, sorted.</summary>
    public IReadOnlyList<string> TasksUsing(string sourceName) =>
        [.. _sourcesByTask.Where(entry => entry.Value.Contains(sourceName, StringComparer.Ordinal)).Select(entry => entry.Key).Order(StringComparer.Ordinal)];

    /// <summary>The task with its target password (and TLS key) in clear, for connecting.</summary>
    public ApiTask Open(ApiTask task) => task.TargetConfig is not { } target ? task : task with
    {
        TargetConfig = target with
        {
            Password = OpenSecret(target.Password),
            Security = target.Security is null ? null : target.Security with { SslKeyContent = OpenSecret(target.Security.SslKeyContent) },
        },
    };

    public static ApiException NotFound(string name) =>
        new(DmErrorCodes.SchedulerTaskNotExist, $"task {name} does not exist");

    private string? OpenSecret(string? value) => value is not null && SecretBox.IsSealed(value) ? secrets.Open(value) : value;

    private string? SealSecret(string? value) => string.IsNullOrEmpty(value) || SecretBox.IsSealed(value) ? value : secrets.Seal(value);

    private StoredTask Seal(StoredTask stored) => stored.Task.TargetConfig is not { } target ? stored : stored with
    {
        Task = stored.Task with
        {
            StatusList = null,
            TargetConfig = target with
            {
                Password = SealSecret(target.Password),
                Security = target.Security is null ? null : target.Security with { SslKeyContent = SealSecret(target.Security.SslKeyContent) },
            },
        },
    };

    private static string Serialize(StoredTask task) => JsonSerializer.Serialize(task, TaskJson.Options);

    private static StoredTask Deserialize(StoredDocument document) =>
        JsonSerializer.Deserialize<StoredTask>(document.Document, TaskJson.Options)
        ?? throw new InvalidDataException($"task document {document.Name} is null");
}
