using Sluice.Coordination;

namespace Sluice.Coordination.Tests;

public sealed class SqliteMetadataStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sluice-meta-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Create_get_list_update_delete_round_trip_with_versions()
    {
        var store = await SqliteMetadataStore.OpenAsync(Path.Combine(_dir, "meta.db"), TestContext.Current.CancellationToken);
        var token = TestContext.Current.CancellationToken;

        var created = await store.CreateAsync("source", "mysql-01", """{"host":"a"}""", token);
        Assert.NotNull(created);
        Assert.Equal(1, created.Version);
        Assert.Null(await store.CreateAsync("source", "mysql-01", "{}", token));
        Assert.NotNull(await store.CreateAsync("task", "mysql-01", "{}", token)); // kinds are separate

        var updated = await store.UpdateAsync("source", "mysql-01", """{"host":"b"}""", expectedVersion: 1, token);
        Assert.Equal(2, updated!.Version);
        Assert.Null(await store.UpdateAsync("source", "mysql-01", "{}", expectedVersion: 1, token)); // stale
        Assert.Null(await store.UpdateAsync("source", "missing", "{}", expectedVersion: null, token));
        Assert.Equal(3, (await store.UpdateAsync("source", "mysql-01", """{"host":"c"}""", expectedVersion: null, token))!.Version);

        await store.CreateAsync("source", "a-first", "{}", token);
        Assert.Equal(["a-first", "mysql-01"], (await store.ListAsync("source", token)).Select(d => d.Name));
        Assert.Equal("""{"host":"c"}""", (await store.GetAsync("source", "mysql-01", token))!.Document);

        Assert.True(await store.DeleteAsync("source", "mysql-01", token));
        Assert.False(await store.DeleteAsync("source", "mysql-01", token));
        Assert.Null(await store.GetAsync("source", "mysql-01", token));
    }

    [Fact]
    public async Task Documents_survive_reopening_and_names_are_kept_byte_for_byte()
    {
        var path = Path.Combine(_dir, "meta.db");
        var token = TestContext.Current.CancellationToken;
        const string name = "t'`\"/\\ ünï 名";
        var first = await SqliteMetadataStore.OpenAsync(path, token);
        await first.CreateAsync("task", name, """{"x":1}""", token);

        var second = await SqliteMetadataStore.OpenAsync(path, token);
        var document = await second.GetAsync("task", name, token);
        Assert.Equal(name, document!.Name);
        Assert.Equal("""{"x":1}""", document.Document);
    }

    [Fact]
    public async Task Concurrent_updates_with_the_same_expected_version_let_exactly_one_win()
    {
        var token = TestContext.Current.CancellationToken;
        var store = await SqliteMetadataStore.OpenAsync(Path.Combine(_dir, "meta.db"), token);
        await store.CreateAsync("task", "t", "0", token);

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => store.UpdateAsync("task", "t", i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, token), token)));

        Assert.Single(results, r => r is not null);
        Assert.Equal(2, (await store.GetAsync("task", "t", token))!.Version);
    }
}
