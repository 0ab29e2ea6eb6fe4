using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sluice.Cli.Configuration;
using Sluice.Migration;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Configuration;

/// <summary>
/// Golden tests: full task files written the way DM's documentation writes them, read into the engine's task and
/// compared with the reviewed JSON next to them (Examples/*.expected.json).
/// </summary>
public sealed class TaskFileExamplesTests
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private static string Examples => Path.Combine(RepositoryPaths.Root, "tests", "Sluice.Cli.Tests", "Configuration", "Examples");

    [Theory]
    [InlineData("task-advanced")]
    [InlineData("task-basic")]
    [InlineData("task-inline-from")]
    public void Example_task_file_reads_into_the_expected_task(string example)
    {
        var sources = SourceFileReader.ReadAll(
            Directory.GetFiles(Examples, "source-*.yaml").Order(StringComparer.Ordinal).Select(path => (Path.GetFileName(path), File.ReadAllText(path))));

        var task = TaskFileReader.Read(File.ReadAllText(Path.Combine(Examples, example + ".yaml")), sources, example + ".yaml");

        var actual = JsonSerializer.Serialize(task, Json).ReplaceLineEndings("\n") + "\n";
        var expectedPath = Path.Combine(Examples, example + ".expected.json");
        if (!File.Exists(expectedPath))
        {
            // First run of a new example: write what was read, for review, and fail until it is committed.
            File.WriteAllText(expectedPath, actual);
            Assert.Fail($"wrote {expectedPath}; review it and run again");
        }

        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void Example_source_files_read_with_their_binlog_settings()
    {
        var first = SourceFileReader.Read(File.ReadAllText(Path.Combine(Examples, "source-mysql-replica-01.yaml")));
        var second = SourceFileReader.Read(File.ReadAllText(Path.Combine(Examples, "source-mysql-replica-02.yaml")));

        Assert.Equal("mysql-replica-01", first.SourceId);
        Assert.True(first.EnableGtid);
        Assert.False(first.EnableRelay);
        Assert.Null(first.RelayBinlogName);
        Assert.Null(first.Flavor);
        Assert.Null(first.ServerId);
        Assert.Equal(new DatabaseEndpoint { Host = "172.16.10.81", Port = 3306, User = "dm_reader", Password = "reader-pass", SslCa = "/path/to/ca.pem" }, first.Connection);
        var filter = Assert.Single(first.Filters);
        Assert.Equal(("dmctl", "t_1", "Ignore"), (filter.SchemaPattern, filter.TablePattern, filter.Action));
        Assert.Empty(filter.Events);
        Assert.Equal(["alter table .* add column `aaa` int"], filter.SqlPatterns);

        Assert.Equal("mysql-replica-02", second.SourceId);
        Assert.False(second.EnableGtid);
        Assert.Equal("mariadb", second.Flavor);
        Assert.Equal(429496729u, second.ServerId);
        Assert.Equal(new DatabaseEndpoint { Host = "172.16.10.82", Port = 3307, User = "dm_reader", Password = "reader-pass-2" }, second.Connection);
    }

    [Fact]
    public void Advanced_example_keeps_what_the_sync_unit_will_need()
    {
        var file = TaskFile.Parse(File.ReadAllText(Path.Combine(Examples, "task-advanced.yaml")));

        var first = file.MySqlInstances[0];
        Assert.Equal(new MetaConfig { BinlogName = "binlog.000001", BinlogPos = 4, BinlogGtid = "03fc0263-28c7-11e7-a653-6c0b84d59f30:1-7041423" }, first.Meta);
        Assert.Equal("global", first.SyncerConfigName);
        Assert.Equal(8, file.MySqlInstances[1].SyncerThread);
        Assert.Equal(
            new SyncerConfig { WorkerCount = 16, Batch = 100, SafeMode = false, SafeModeDuration = "60s", Compact = true, MultipleRows = true },
            file.Syncers["global"]);
        Assert.Equal(["keep-tables", "no-drop-column"], file.Filters.Keys);
        Assert.Equal(["truncate table", "drop table"], file.Filters["keep-tables"].Events);
        Assert.Equal([@"^ALTER\s+TABLE\s+.*DROP\s+COLUMN"], file.Filters["no-drop-column"].SqlPatterns);
    }
}
