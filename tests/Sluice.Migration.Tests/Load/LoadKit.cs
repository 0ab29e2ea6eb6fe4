using System.Globalization;
using MySqlConnector;
using Sluice.Migration.Load;
using Sluice.Replication.Filtering;
using Sluice.Testing;

namespace Sluice.Migration.Tests.Load;

/// <summary>What the load tests share: a task aimed at the target server, simple routes, and row reading.</summary>
internal static class LoadKit
{
    public static MigrationTask Task(
        MariaDbInstance target, string name, string sourceId, OnDuplicate onDuplicate = OnDuplicate.Replace, int threads = 2)
    {
        var endpoint = new DatabaseEndpoint { Host = target.Host, Port = target.Port, User = target.User, Password = target.Password };
        return new MigrationTask
        {
            Name = name,
            MetaSchema = name + "_meta",
            Target = endpoint,
            Sources = [new SourceInstance { SourceId = sourceId, Connection = endpoint, Load = new LoadOptions { Threads = threads, OnDuplicate = onDuplicate } }],
        };
    }

    /// <summary>Runs the loader with every schema routed through <paramref name="schemas"/> and tables keeping their names.</summary>
    public static Task LoadAsync(
        MigrationTask task,
        string sourceId,
        string directory,
        Func<string, string> schemas,
        IProgress<LoadProgress>? progress = null,
        Loader? loader = null,
        CancellationToken cancellationToken = default) =>
        (loader ?? new Loader()).RunAsync(
            task,
            sourceId,
            directory,
            t => new TableName(schemas(t.Schema), t.Table),
            schemas,
            progress,
            cancellationToken == default ? TestContext.Current.CancellationToken : cancellationToken);

    /// <summary>Each row of a query as its values joined by '|', NULL as "NULL".</summary>
    public static async Task<List<string>> RowsAsync(MariaDbInstance server, string sql)
    {
        await using var connection = await server.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public static async Task<long> CountAsync(MariaDbInstance server, string sql) =>
        Convert.ToInt64(await server.ScalarAsync(sql, TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);

    /// <summary>Reports synchronously on the loader's thread (Progress&lt;T&gt; would post them elsewhere).</summary>
    public sealed class SyncProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
