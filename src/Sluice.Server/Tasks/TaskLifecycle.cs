using Microsoft.Extensions.Logging;
using MySqlConnector;
using Sluice.Migration;
using Sluice.Migration.Supervision;
using Sluice.Migration.Sync;
using Sluice.Server.Errors;
using Sluice.Server.Hosting;
using Sluice.Server.Sources;
using Sluice.Server.Tasks.Contract;
using TaskSourceConnection = Sluice.Server.Tasks.Contract.SourceConnection;

namespace Sluice.Server.Tasks;

/// <summary>
/// Runs stored tasks on the engine: builds each one's <see cref="MigrationTask"/> from the stored task and the
/// registered sources (passwords opened only here), and drives its <see cref="TaskSupervisor"/>. Relative dump
/// directories are taken under the server's data directory, not the process's working directory, so that a server
/// started from anywhere finds its dumps again.
/// </summary>
internal sealed partial class TaskLifecycle(
    TaskRepository tasks,
    SourceRepository sources,
    TaskSupervisors supervisors,
    SluiceServerOptions options,
    ILogger<TaskLifecycle> logger)
{
    private readonly TlsFileDirectory _tlsFiles = new(Path.Combine(options.DataDirectory, "tls"));

    public TaskSupervisor? Supervisor(string name) => supervisors.Get(name);

    /// <summary>The engine's task for <paramref name="stored"/>; a 400 when one of its sources is not registered any more.</summary>
    public Task<MigrationTask> BuildAsync(StoredTask stored, CancellationToken cancellationToken) => BuildAsync(stored, false, cancellationToken);

    /// <param name="stored">The stored task.</param>
    /// <param name="allowMissingSources">
    /// For removing the task's meta, which needs only the target and the dump directories: a source deleted (with
    /// force) gets a connection that is never opened.
    /// </param>
    /// <param name="cancellationToken">Cancels reading the sources.</param>
    public async Task<MigrationTask> BuildAsync(StoredTask stored, bool allowMissingSources, CancellationToken cancellationToken)
    {
        var connections = new Dictionary<string, TaskSourceConnection>(StringComparer.Ordinal);
        foreach (var name in stored.SourceNames)
        {
            var source = await sources.GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (source is null && allowMissingSources)
            {
                connections[name] = new TaskSourceConnection("", 0, "", "");
                continue;
            }

            if (source is null)
                throw new ApiException(TaskErrorCodes.OpenApiTaskSourceNotFound, $"source {name} of task {stored.Name} does not exist");
            connections[name] = new TaskSourceConnection(source.Host, source.Port, source.User, sources.OpenPassword(source) ?? "");
        }

        var task = TaskMapper.ToMigrationTask(tasks.Open(stored.Task), connections, _tlsFiles);
        return task with
        {
            Sources = [.. task.Sources.Select(s => s with { Dump = s.Dump with { DataDir = Path.GetFullPath(s.Dump.DataDir, options.DataDirectory) } })],
        };
    }

    /// <summary>Starts the task's supervisor; false when a run of it is still going.</summary>
    public bool Start(MigrationTask task, StartOptions start, IReadOnlyCollection<string>? sources = null) => supervisors.GetOrAdd(task.Name).Start(task, start, sources);

    /// <summary>The sources for which the target holds a checkpoint of this task (its global syncer checkpoint).</summary>
    public static async Task<IReadOnlySet<string>> SourcesWithCheckpointAsync(MigrationTask task, CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = task.Target.Host,
            Port = (uint)task.Target.Port,
            UserID = task.Target.User,
            Password = task.Target.Password,
            SslMode = MySqlSslMode.Preferred,
            ConnectionTimeout = 10,
            Pooling = false,
        };
        var found = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var connection = new MySqlConnection(builder.ConnectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var table = $"`{task.MetaSchema.Replace("`", "``", StringComparison.Ordinal)}`.`{SyncerCheckpointStore.TableName(task.Name).Replace("`", "``", StringComparison.Ordinal)}`";
                var command = new MySqlCommand($"SELECT DISTINCT `id` FROM {table} WHERE `is_global` = 1", connection);
                await using (command.ConfigureAwait(false))
                {
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                            found.Add(reader.GetString(0));
                    }
                }
            }
        }
        catch (MySqlException e) when (e.ErrorCode is MySqlErrorCode.NoSuchTable or MySqlErrorCode.UnknownDatabase)
        {
            // Never synced: no checkpoint.
        }
        catch (MySqlException e)
        {
            throw new ApiException(DmErrorCodes.DbDriverError, $"cannot read the checkpoints of task {task.Name} in the target {task.Target}: {e.Message}");
        }

        return found;
    }

    /// <summary>
    /// At server start: every stored task last asked to be Running starts again, going on from the checkpoints its
    /// target holds. A task that cannot be built (a source deleted with force) stays stored and is logged.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var stored in await tasks.LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (stored.Stage != TaskRequestedStage.Running)
                continue;
            var running = stored.SourceNames.Where(s => stored.StageOf(s) == TaskRequestedStage.Running).ToList();
            try
            {
                Start(await BuildAsync(stored, cancellationToken).ConfigureAwait(false), new StartOptions(), running.Count == stored.SourceNames.Count ? null : running);
            }
            catch (ApiException e)
            {
                LogRecoveryFailed(logger, stored.Name, e.Message);
            }
            catch (ArgumentException e)
            {
                LogRecoveryFailed(logger, stored.Name, e.Message);
            }
        }
    }

    /// <summary>At shutdown: running tasks stop at a checkpoint; their stored stage stays Running so they come back.</summary>
    public Task ShutdownAsync(CancellationToken cancellationToken) => supervisors.StopAllAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {Task} was running and could not be started again: {Reason}")]
    private static partial void LogRecoveryFailed(ILogger logger, string task, string reason);
}
