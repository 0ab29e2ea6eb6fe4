using Sluice.ChangeFeed;
using Sluice.ChangeFeed.Model;
using Sluice.Coordination;
using Sluice.Server.ChangeFeeds;

namespace Sluice.Server.Tests.ChangeFeeds;

public sealed class MetadataCheckpointStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-checkpoints-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_checkpoint_reads_back_whole_with_the_table_structures_kept_beside_its_position()
    {
        var store = new MetadataCheckpointStore(await SqliteMetadataStore.OpenAsync(Path.Combine(_directory, "meta.db"), Ct), "feed-1");
        Assert.Null(await store.ReadAsync(Ct));

        const string tables = """[{"schema":"s","name":"t","columns":[{"name":"id","type":"int"}]}]""";
        var first = new ChangefeedCheckpoint(new Tso(100), "mysql-bin.000001", 4, "0-1-5", tables);
        await store.SaveAsync(first, Ct);
        Assert.Equal(first, await store.ReadAsync(Ct));

        var second = new ChangefeedCheckpoint(new Tso(200), "mysql-bin.000002", 1234, null, null);
        await store.SaveAsync(second, Ct);
        Assert.Equal(second, await store.ReadAsync(Ct));

        await store.ResetAsync(Ct);
        Assert.Null(await store.ReadAsync(Ct));
    }
}
