using System.Text;
using Sluice.ChangeFeed.Sinks.Storage;
using static Sluice.ChangeFeed.Tests.Sinks.Storage.StorageFixtures;

namespace Sluice.ChangeFeed.Tests.Sinks.Storage;

/// <summary>
/// The whole tree a sequence of transactions, DDLs and flushes leaves, against Golden/Storage/layout (written by
/// hand from https://docs.pingcap.com/tidb/stable/ticdc-sink-to-cloud-storage#storage-path-structure; schema file
/// checksums are CRC-32 of TiCDC's hashed form, see <see cref="TableDefinitionTests"/>).
/// </summary>
public sealed class StorageSinkLayoutTests
{
    [Fact]
    public async Task Chunks_a_ddl_a_new_day_a_database_ddl_and_flushes_leave_ticdcs_tree()
    {
        using var tree = new StorageTree();
        var sink = new StorageSink(Options(tree.Root), new LineEncoder());
        await using (sink)
        {
            await sink.WriteRowsAsync(Chunk(Insert(T1, C1, 1L, "alice"), Insert(T1, C1, 2L, null)), default);
            await sink.WriteRowsAsync(Chunk(Insert(T2, C2, 7UL, "12.50", "2026-01-02 03:04:07.123"), Update(T1, C2, [1L, "alice"], [1L, "alicia"])), default);
            await sink.FlushAsync(C2, default);
            await sink.WriteDdlAsync(AddAgeColumn, default);
            await sink.WriteRowsAsync(Chunk(Insert(T1AfterAddColumn, C3, 3L, "carol", 30L)), default);
            await sink.WriteDdlAsync(CreateDatabase, default);
            await sink.FlushAsync(D2, default);
        }

        var expected = StorageTree.Read(Path.Combine(AppContext.BaseDirectory, "Golden", "Storage", "layout"));
        var actual = tree.Read();
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (path, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path]), $"{path}:\n{Encoding.UTF8.GetString(actual[path])}");
    }
}
