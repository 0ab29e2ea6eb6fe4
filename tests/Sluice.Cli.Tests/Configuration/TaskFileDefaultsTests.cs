using Sluice.Cli.Configuration;
using Sluice.Migration;

namespace Sluice.Cli.Tests.Configuration;

/// <summary>DM's defaults, applied when a task file leaves a key out (DM's TaskConfig.adjust and Default*Config).</summary>
public sealed class TaskFileDefaultsTests
{
    [Fact]
    public void A_minimal_task_takes_every_default()
    {
        var task = TaskYaml.Read(TaskYaml.With());

        Assert.Equal("t", task.Name);
        Assert.Equal(TaskMode.Full, task.Mode);
        Assert.Equal("dm_meta", task.MetaSchema);
        Assert.False(task.CaseSensitive);
        Assert.True(task.CleanDumpFile);
        Assert.Equal(new DatabaseEndpoint { Host = "target.example", Port = 3306, User = "root", Password = "" }, task.Target);

        var source = Assert.Single(task.Sources);
        Assert.Equal("s1", source.SourceId);
        Assert.Equal(new DatabaseEndpoint { Host = "source.example", Port = 3306, User = "reader", Password = "" }, source.Connection);
        Assert.Null(source.BlockAllowList);
        Assert.Empty(source.Routes);
        Assert.Equal(4, source.Dump.Threads);
        Assert.Equal(Consistency.Auto, source.Dump.Consistency);
        Assert.Equal(0, source.Dump.ChunkRows);
        Assert.Equal(64L * 1024 * 1024, source.Dump.ChunkFileSize);
        Assert.Equal("./dumped_data", source.Dump.DataDir);
        Assert.Equal(16, source.Load.Threads);
        Assert.Equal(OnDuplicate.Replace, source.Load.OnDuplicate);
    }

    [Fact]
    public void Named_rules_with_no_body_take_the_defaults()
    {
        var task = TaskYaml.Read(TaskYaml.With(
            top: "mydumpers:\n  global:\nloaders:\n  global: ~\nsyncers:\n  global: {}\n",
            instance: "mydumper-config-name: global\nloader-config-name: global\nsyncer-config-name: global\n"));

        var source = Assert.Single(task.Sources);
        Assert.Equal((4, Consistency.Auto, 0L, 64L << 20, "./dumped_data"), (source.Dump.Threads, source.Dump.Consistency, source.Dump.ChunkRows, source.Dump.ChunkFileSize, source.Dump.DataDir));
        Assert.Equal((16, OnDuplicate.Replace), (source.Load.Threads, source.Load.OnDuplicate));
    }

    [Fact]
    public void Zero_pool_size_and_zero_thread_overrides_mean_the_default()
    {
        var task = TaskYaml.Read(TaskYaml.With(
            top: "loaders:\n  global:\n    pool-size: 0\n",
            instance: "loader-config-name: global\nloader-thread: 0\nmydumper-thread: 0\n"));

        Assert.Equal(16, task.Sources[0].Load.Threads);
        Assert.Equal(4, task.Sources[0].Dump.Threads);
    }

    [Fact]
    public void Empty_tilde_and_null_values_are_the_same_as_leaving_the_key_out()
    {
        var task = TaskYaml.Read(TaskYaml.With(top: "meta-schema:\ncase-sensitive: ~\nclean-dump-file: null\n"));

        Assert.Equal("dm_meta", task.MetaSchema);
        Assert.False(task.CaseSensitive);
        Assert.True(task.CleanDumpFile);
    }

    [Fact]
    public void A_quoted_null_is_a_string()
    {
        var task = TaskYaml.Read(TaskYaml.With(top: "meta-schema: \"null\"\n"));

        Assert.Equal("null", task.MetaSchema);
    }
}
