using MySqlConnector;
using Sluice.Migration.Load;
using Sluice.Migration.Sync;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Supervision;

/// <summary>
/// start-task's remove_meta: the task's checkpoint tables in the target's meta schema are dropped (DM's names:
/// the syncer and loader checkpoints, and the shard and online-DDL tables DM keeps there), and each source's dump is
/// deleted, so the task takes a new dump and loads it as if it had never run.
/// </summary>
internal static class TaskMeta
{
    public static IReadOnlyList<string> TableNames(string taskName) =>
    [
        SyncerCheckpointStore.TableName(taskName),
        LoaderCheckpoint.TableName(taskName),
        taskName + "_syncer_sharding_meta",
        taskName + "_onlineddl",
    ];

    public static async Task RemoveAsync(MigrationTask task, CancellationToken cancellationToken)
    {
        var connection = await TargetSession.OpenAsync(task.Target, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            foreach (var table in TableNames(task.Name))
            {
                var sql = "DROP TABLE IF EXISTS " + Sql.Quote(new TableName(task.MetaSchema, table));
                try
                {
                    await TargetSession.ExecuteAsync(connection, null, sql, cancellationToken).ConfigureAwait(false);
                }
                catch (MySqlException e)
                {
                    throw new MigrationException($"remove-meta: the target refused {sql}: {e.Message}", e.Number, e);
                }
            }
        }

        // A load-only task has nothing but the dump it was given to load: that stays.
        if (task.Mode == TaskMode.Load)
            return;
        foreach (var source in task.Sources)
        {
            var directory = Path.Combine(source.Dump.DataDir, source.SourceId);
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }
}
