using Sluice.Migration.Dump;
using Sluice.Testing;
using static Sluice.Migration.Tests.Load.DataFile;

namespace Sluice.Migration.Tests.Load;

/// <summary>The loader reads only finished dumps of a format version it knows.</summary>
public sealed class DumpDirectoryTests(MariaDbServers servers)
{
    [Fact]
    public async Task A_dump_without_its_manifest_is_refused_as_unfinished()
    {
        using var dump = new DumpBuilder("unfinished").Schema("ld_unfinished_src")
            .Table("ld_unfinished_src", "t", "CREATE TABLE `t` (`id` int)", ["id"], [[T("1")]]);
        var task = LoadKit.Task(servers.Target, "ld_unfinished", dump.SourceId);

        var error = await Assert.ThrowsAsync<MigrationException>(() => LoadKit.LoadAsync(task, dump.SourceId, dump.Directory, _ => "ld_unfinished"));

        Assert.Equal($"the dump in {dump.Directory} is unfinished: it has no {DumpManifest.FileName}", error.Message);
    }

    [Fact]
    public async Task A_manifest_of_an_unknown_version_is_refused()
    {
        using var dump = new DumpBuilder("future") { Version = 2 }.Schema("ld_future_src");
        var task = LoadKit.Task(servers.Target, "ld_future", dump.SourceId);

        var error = await Assert.ThrowsAsync<MigrationException>(() => LoadKit.LoadAsync(task, dump.SourceId, dump.Finish(), _ => "ld_future"));

        Assert.Contains("format version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dump_of_another_source_is_refused()
    {
        using var dump = new DumpBuilder("someone-else").Schema("ld_else_src");
        var task = LoadKit.Task(servers.Target, "ld_else", "mine");

        var error = await Assert.ThrowsAsync<MigrationException>(() => LoadKit.LoadAsync(task, "mine", dump.Finish(), _ => "ld_else"));

        Assert.Contains("is of source someone-else, not mine", error.Message, StringComparison.Ordinal);
    }
}
