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
internal sealed class TaskRepository(IMetadataStore store, SecretBox secrets) : IDisposable
{
    private const string Kind = "task";

    // Every stored task as stored (secrets sealed), so that status and get calls read no file: this process is the
    // store's only writer, and writes go through the store first, one at a time, then here.
    private readonly ConcurrentDictionary<string, StoredTask> _tasks = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writes = new(1, 1);

    public void Dispose() => _writes.Dispose();

    /// <summary>Reads every stored task once, to know which sources they use; returns them.</summary>
    public async Task<IReadOnlyList<StoredTask>> LoadAsync(CancellationToken cancellationToken)
    {
        var tasks = await ListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var task in tasks)
            _tasks.TryAdd(task.Name, task);
        return tasks;
    }

    public async Task<StoredTask?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (_tasks.TryGetValue(name, out var cached))
            return cached;
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
    public Task<bool> CreateAsync(StoredTask task, CancellationToken cancellationToken) =>
        WriteAsync(task, (sealedTask, ct) => store.CreateAsync(Kind, sealedTask.Name, Serialize(sealedTask), ct), cancellationToken);

    /// <summary>Replaces a task (secrets in clear or already sealed); false when there is none.</summary>
    public Task<bool> UpdateAsync(StoredTask task, CancellationToken cancellationToken) =>
        WriteAsync(task, (sealedTask, ct) => store.UpdateAsync(Kind, sealedTask.Name, Serialize(sealedTask), null, ct), cancellationToken);

    /// <summary>Records the stage last asked for; false when the task is gone.</summary>
    public Task<bool> SetStageAsync(string name, TaskRequestedStage stage, CancellationToken cancellationToken) => SetStageAsync(name, stage, null, cancellationToken);

    /// <summary>Records the stage asked for the named sources of a task (all when null).</summary>
    public async Task<bool> SetStageAsync(string name, TaskRequestedStage stage, IReadOnlyCollection<string>? sources, CancellationToken cancellationToken)
    {
        var task = await GetAsync(name, cancellationToken).ConfigureAwait(false);
        if (task is null)
            return false;
        var changed = task.WithStage(stage, sources);
        return (changed.Stage == task.Stage && SameStages(changed, task)) || await UpdateAsync(changed, cancellationToken).ConfigureAwait(false);
    }

    private static bool SameStages(StoredTask a, StoredTask b) => a.SourceNames.All(s => a.StageOf(s) == b.StageOf(s)) && (a.SourceStages is null) == (b.SourceStages is null);

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var deleted = await store.DeleteAsync(Kind, name, cancellationToken).ConfigureAwait(false);
            _tasks.TryRemove(name, out _);
            return deleted;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Names of the stored tasks whose source_conf names <paramref name="sourceName"/>, sorted.</summary>
    public IReadOnlyList<string> TasksUsing(string sourceName) =>
        [.. _tasks.Values.Where(task => task.SourceNames.Contains(sourceName, StringComparer.Ordinal)).Select(task => task.Name).Order(StringComparer.Ordinal)];

    private async Task<bool> WriteAsync(StoredTask task, Func<StoredTask, CancellationToken, Task<StoredDocument?>> write, CancellationToken cancellationToken)
    {
        var sealedTask = Seal(task);
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await write(sealedTask, cancellationToken).ConfigureAwait(false) is null)
                return false;
            _tasks[sealedTask.Name] = sealedTask;
            return true;
        }
        finally
        {
            _writes.Release();
        }
    }

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
