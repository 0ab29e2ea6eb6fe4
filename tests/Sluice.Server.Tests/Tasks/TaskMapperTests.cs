using Sluice.Migration;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tests.Tasks;

public sealed class TaskMapperTests
{
    [Fact]
    public void Defaults_are_DMs_when_the_task_gives_none()
    {
        var task = TaskSamples.Valid() with
        {
            MetaSchema = null,
            OnDuplicate = "error",
            SourceConfig = TaskSamples.Valid().SourceConfig! with { FullMigrateConf = null, IncrMigrateConf = null },
        };

        var migration = TaskMapper.ToMigrationTask(task, TaskSamples.Connections);

        Assert.Equal("dm_meta", migration.MetaSchema);
        Assert.All(migration.Sources, source =>
        {
            Assert.Equal((4, Consistency.Auto, "./dumped_data", 64L << 20), (source.Dump.Threads, source.Dump.Consistency, source.Dump.DataDir, source.Dump.ChunkFileSize));
            Assert.Equal((16, OnDuplicate.Error), (source.Load.Threads, source.Load.OnDuplicate));
            Assert.Equal((16, 100, false), (source.Sync.Threads, source.Sync.Batch, source.Sync.SafeMode));
        });
    }

    [Fact]
    public void On_duplicate_logical_wins_over_on_duplicate()
    {
        var migration = TaskMapper.ToMigrationTask(TaskSamples.Valid() with { OnDuplicate = "error" }, TaskSamples.Connections);

        Assert.All(migration.Sources, source => Assert.Equal(OnDuplicate.Ignore, source.Load.OnDuplicate));
    }

    [Fact]
    public void Certificate_contents_become_files_through_the_store()
    {
        var task = TaskSamples.Valid();
        task = task with { TargetConfig = task.TargetConfig! with { Security = new TaskSecurity { SslCaContent = "x target-ca", SslCertContent = "", SslKeyContent = "" } } };
        var store = new FakeTlsFileStore();

        var migration = TaskMapper.ToMigrationTask(task, TaskSamples.Connections, store);

        Assert.Equal(("/tls/target-ca.pem", null, null), (migration.Target.SslCa, migration.Target.SslCert, migration.Target.SslKey));
        Assert.Equal([new TlsContents("x target-ca", null, null)], store.Saved);
    }

    [Fact]
    public void Empty_certificate_contents_are_no_tls()
    {
        var task = TaskSamples.Valid();
        task = task with { TargetConfig = task.TargetConfig! with { Security = new TaskSecurity { SslCaContent = "", SslCertContent = "", SslKeyContent = "" } } };
        var store = new FakeTlsFileStore();

        var migration = TaskMapper.ToMigrationTask(task, TaskSamples.Connections, store);

        Assert.Null(migration.Target.SslCa);
        Assert.Empty(store.Saved);
    }

    [Fact]
    public void Certificates_without_a_store_are_refused_rather_than_dropped()
    {
        var task = TaskSamples.Valid();
        task = task with { TargetConfig = task.TargetConfig! with { Security = new TaskSecurity { SslCaContent = "ca" } } };

        Assert.Throws<ArgumentException>(() => TaskMapper.ToMigrationTask(task, TaskSamples.Connections));
    }

    [Fact]
    public void A_source_without_a_connection_is_refused()
    {
        var sources = new Dictionary<string, SourceConnection>(StringComparer.Ordinal) { ["mysql-01"] = TaskSamples.Connections["mysql-01"] };

        var error = Assert.Throws<ArgumentException>(() => TaskMapper.ToMigrationTask(TaskSamples.Valid(), sources));
        Assert.Contains("mysql-02", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_connection_prints_without_its_password() =>
        Assert.DoesNotContain("secret-1", TaskSamples.Connections["mysql-01"].ToString(), StringComparison.Ordinal);
}
