using Sluice.Testing;

namespace Sluice.Migration.Tests;

/// <summary>
/// Every column type of the binlog decoder's differential cases (edge values, zero dates, utf8mb4, binary BLOBs,
/// JSON, BIT, unsigned maxima, every fractional precision) migrated source → target by a full task: each table's
/// CHECKSUM TABLE must be equal on both sides.
/// </summary>
public sealed class TypeFidelityTests(MariaDbServers servers)
{
    [Fact]
    public async Task Every_column_type_survives_a_full_migration_with_equal_checksums()
    {
        const string schema = "fidelity";
        await TypeCases.CreateTablesAsync(servers.Source, schema);
        await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS {schema}; DROP DATABASE IF EXISTS dm_meta_fidelity");
        var dataDir = Directory.CreateTempSubdirectory("sluice-fidelity-").FullName;
        var task = new MigrationTask
        {
            Name = "fidelity",
            Mode = TaskMode.Full,
            MetaSchema = "dm_meta_fidelity",
            Target = Endpoint(servers.Target),
            Sources =
            [
                new SourceInstance
                {
                    SourceId = "source-1",
                    Connection = Endpoint(servers.Source),
                    BlockAllowList = new Replication.Filtering.BlockAllowList { DoDbs = [schema] },
                    Dump = new DumpOptions { Threads = 2, DataDir = dataDir },
                    Load = new LoadOptions { Threads = 2 },
                },
            ],
        };

        var results = await FullMigration.RunAsync(task, null, TestContext.Current.CancellationToken);

        Assert.Equal(TypeCases.All.Length, results.Single().Tables);
        foreach (var (name, type, _) in TypeCases.All)
            Assert.True(await servers.Source.ChecksumAsync($"{schema}.`{name}`") == await servers.Target.ChecksumAsync($"{schema}.`{name}`"), $"{type}: checksums differ");
        Directory.Delete(dataDir, recursive: true);
    }

    private static DatabaseEndpoint Endpoint(MariaDbInstance server) =>
        new() { Host = server.Host, Port = server.Port, User = server.User, Password = server.Password };
}
