using Sluice.Cli.Configuration;
using Sluice.Migration;
using Sluice.Replication.Filtering;
using Sluice.Replication.Routing;

namespace Sluice.Cli.Tests.Configuration;

/// <summary>How names, overrides, old key names and connections are resolved into the engine's task.</summary>
public sealed class TaskFileResolutionTests
{
    [Theory]
    [InlineData("all", TaskMode.All)]
    [InlineData("full", TaskMode.Full)]
    [InlineData("incremental", TaskMode.Incremental)]
    [InlineData("dump", TaskMode.Dump)]
    [InlineData("load", TaskMode.Load)]
    [InlineData("All", TaskMode.All)]
    public void Task_mode_reads_each_DM_mode(string written, TaskMode expected)
    {
        var task = TaskYaml.Read(TaskYaml.With().Replace("task-mode: full", $"task-mode: {written}", StringComparison.Ordinal));

        Assert.Equal(expected, task.Mode);
    }

    [Fact]
    public void Task_level_settings_are_read()
    {
        var task = TaskYaml.Read(TaskYaml.With(top: "meta-schema: my_meta\ncase-sensitive: true\nclean-dump-file: no\n"));

        Assert.Equal(("my_meta", true, false), (task.MetaSchema, task.CaseSensitive, task.CleanDumpFile));
    }

    [Fact]
    public void The_old_name_black_white_list_works_at_the_top_and_on_the_instance()
    {
        const string Rules = "black-white-list:\n  old:\n    do-dbs: [\"a\"]\n";

        var viaOldNames = TaskYaml.Read(TaskYaml.With(top: Rules, instance: "black-white-list: old\n"));
        var mixed = TaskYaml.Read(TaskYaml.With(top: Rules, instance: "block-allow-list: old\n"));

        Assert.Equal(["a"], viaOldNames.Sources[0].BlockAllowList!.DoDbs);
        Assert.Equal(["a"], mixed.Sources[0].BlockAllowList!.DoDbs);
    }

    [Fact]
    public void The_new_name_wins_when_both_names_are_given()
    {
        var task = TaskYaml.Read(TaskYaml.With(
            top: "block-allow-list:\n  r:\n    do-dbs: [\"new\"]\nblack-white-list:\n  r:\n    do-dbs: [\"old\"]\n",
            instance: "block-allow-list: r\nblack-white-list: r\n"));

        Assert.Equal(["new"], task.Sources[0].BlockAllowList!.DoDbs);
    }

    [Fact]
    public void Block_allow_list_keeps_every_list_as_written()
    {
        var task = TaskYaml.Read(TaskYaml.With(
            top: """
                block-allow-list:
                  r:
                    do-dbs: ["~^shop_\\d+$", "user"]
                    ignore-dbs: [mysql]
                    do-tables:
                    - db-name: "user"
                      tbl-name: "information"
                    ignore-tables:
                    - {db-name: "user", tbl-name: "log"}
                """,
            instance: "block-allow-list: r\n"));

        var list = task.Sources[0].BlockAllowList!;
        Assert.Equal([@"~^shop_\d+$", "user"], list.DoDbs);
        Assert.Equal(["mysql"], list.IgnoreDbs);
        Assert.Equal([new TablePattern("user", "information")], list.DoTables);
        Assert.Equal([new TablePattern("user", "log")], list.IgnoreTables);
    }

    [Fact]
    public void Routes_are_taken_in_the_order_the_instance_lists_them()
    {
        var task = TaskYaml.Read(TaskYaml.With(
            top: "routes:\n  a:\n    schema-pattern: \"s_*\"\n    target-schema: s\n  b:\n    schema-pattern: \"s_*\"\n    table-pattern: \"t_?\"\n    target-schema: s\n    target-table: t\n",
            instance: "route-rules: [b, a]\n"));

        Assert.Equal([new RouteRule("s_*", "t_?", "s", "t") { Name = "b" }, new RouteRule("s_*", null, "s", null) { Name = "a" }], task.Sources[0].Routes);
    }

    [Fact]
    public void Per_instance_thread_counts_override_the_named_configs()
    {
        var yaml = TaskYaml.With(
            top: "mydumpers:\n  global:\n    threads: 8\nloaders:\n  global:\n    pool-size: 12\n",
            instance: "mydumper-config-name: global\nloader-config-name: global\nmydumper-thread: 2\nloader-thread: 3\n");

        var source = TaskYaml.Read(yaml).Sources[0];

        Assert.Equal(2, source.Dump.Threads);
        Assert.Equal(3, source.Load.Threads);
    }

    [Fact]
    public void Named_config_thread_counts_apply_without_overrides()
    {
        var yaml = TaskYaml.With(
            top: "mydumpers:\n  global:\n    threads: 8\nloaders:\n  global:\n    pool-size: 12\n",
            instance: "mydumper-config-name: global\nloader-config-name: global\n");

        var source = TaskYaml.Read(yaml).Sources[0];

        Assert.Equal(8, source.Dump.Threads);
        Assert.Equal(12, source.Load.Threads);
    }

    [Fact]
    public void Thread_overrides_apply_without_any_named_config()
    {
        var source = TaskYaml.Read(TaskYaml.With(instance: "mydumper-thread: 7\nloader-thread: 5\n")).Sources[0];

        Assert.Equal(7, source.Dump.Threads);
        Assert.Equal(5, source.Load.Threads);
    }

    [Fact]
    public void Inline_mydumper_and_loader_blocks_are_used_like_named_ones()
    {
        var source = TaskYaml.Read(TaskYaml.With(
            instance: "mydumper:\n  threads: 6\n  rows: 1000\nloader:\n  pool-size: 2\n  dir: /tmp/d\n")).Sources[0];

        Assert.Equal((6, 1000L, "/tmp/d"), (source.Dump.Threads, source.Dump.ChunkRows, source.Dump.DataDir));
        Assert.Equal(2, source.Load.Threads);
    }

    [Theory]
    [InlineData("--consistency none", Consistency.None)]
    [InlineData("--consistency flush", Consistency.Flush)]
    [InlineData("--consistency=snapshot", Consistency.Snapshot)]
    [InlineData("--consistency LOCK", Consistency.Lock)]
    [InlineData("--consistency auto", Consistency.Auto)]
    [InlineData("'--consistency' \"none\"", Consistency.None)]
    [InlineData("--statement-size 1000000 --consistency lock -W", Consistency.Lock)]
    [InlineData("--no-locks", Consistency.None)]
    [InlineData("--no-locks --consistency none", Consistency.None)]
    [InlineData("--no-locks=false", Consistency.Auto)]
    [InlineData("--threads 2", Consistency.Auto)]
    [InlineData("", Consistency.Auto)]
    public void Consistency_comes_from_extra_args(string extraArgs, Consistency expected)
    {
        var source = TaskYaml.Read(TaskYaml.With(
            top: $"mydumpers:\n  global:\n    extra-args: '{extraArgs.Replace("'", "''", StringComparison.Ordinal)}'\n",
            instance: "mydumper-config-name: global\n")).Sources[0];

        Assert.Equal(expected, source.Dump.Consistency);
    }

    [Fact]
    public void Extra_args_override_threads_rows_and_file_size_as_dumpling_reads_them_last()
    {
        var source = TaskYaml.Read(TaskYaml.With(
            top: "mydumpers:\n  global:\n    threads: 8\n    rows: 10\n    chunk-filesize: 16\n    extra-args: \"-t 3 -r 500 -F 1GiB\"\n",
            instance: "mydumper-config-name: global\nmydumper-thread: 5\n")).Sources[0];

        Assert.Equal(3, source.Dump.Threads);
        Assert.Equal(500, source.Dump.ChunkRows);
        Assert.Equal(1L << 30, source.Dump.ChunkFileSize);
    }

    [Theory]
    [InlineData("64", 64L << 20)]
    [InlineData("\"64\"", 64L << 20)]
    [InlineData("256MiB", 256L << 20)]
    [InlineData("256mb", 256L << 20)]
    [InlineData("1g", 1L << 30)]
    [InlineData("1.5 GiB", 3L << 29)]
    [InlineData("512k", 512L << 10)]
    [InlineData("100b", 100L)]
    public void Chunk_filesize_reads_MiB_or_a_size_with_a_unit(string written, long bytes)
    {
        var source = TaskYaml.Read(TaskYaml.With(
            top: $"mydumpers:\n  global:\n    chunk-filesize: {written}\n",
            instance: "mydumper-config-name: global\n")).Sources[0];

        Assert.Equal(bytes, source.Dump.ChunkFileSize);
    }

    [Theory]
    [InlineData("on-duplicate-logical: ignore", OnDuplicate.Ignore)]
    [InlineData("on-duplicate: error", OnDuplicate.Error)]
    [InlineData("on-duplicate: ERROR", OnDuplicate.Error)]
    [InlineData("on-duplicate-logical: replace\n    on-duplicate: ignore", OnDuplicate.Replace)]
    [InlineData("import-mode: sql", OnDuplicate.Replace)]
    public void On_duplicate_reads_the_current_and_the_older_key(string keys, OnDuplicate expected)
    {
        var source = TaskYaml.Read(TaskYaml.With(
            top: $"loaders:\n  global:\n    {keys}\n",
            instance: "loader-config-name: global\n")).Sources[0];

        Assert.Equal(expected, source.Load.OnDuplicate);
    }

    [Fact]
    public void The_connection_comes_from_the_inline_from()
    {
        var source = TaskYaml.Read(TaskYaml.With(
            from: false,
            instance: "from:\n  host: db1\n  port: 3310\n  user: u\n  password: p\n  security:\n    ssl-ca: /ca.pem\n    ssl-cert: /c.pem\n    ssl-key: /k.pem\n")).Sources[0];

        Assert.Equal(new DatabaseEndpoint { Host = "db1", Port = 3310, User = "u", Password = "p", SslCa = "/ca.pem", SslCert = "/c.pem", SslKey = "/k.pem" }, source.Connection);
    }

    [Fact]
    public void The_connection_comes_from_the_source_file_with_the_same_source_id()
    {
        var sources = SourceFileReader.ReadAll([
            ("s1.yaml", "source-id: s1\nfrom:\n  host: db1\n  port: 3311\n  user: u\n  password: p\n"),
            ("s2.yaml", "source-id: s2\nfrom:\n  host: db2\n  user: u\n"),
        ]);

        var source = TaskYaml.Read(TaskYaml.With(from: false), sources).Sources[0];

        Assert.Equal(new DatabaseEndpoint { Host = "db1", Port = 3311, User = "u", Password = "p" }, source.Connection);
    }

    [Fact]
    public void Passwords_are_taken_as_written()
    {
        var task = TaskYaml.Read(TaskYaml.With().Replace("  user: root\n", "  user: root\n  password: \"/Q7B9DizNLLTTfiZHv9WoEAKamfpIUs=\"\n", StringComparison.Ordinal));

        Assert.Equal("/Q7B9DizNLLTTfiZHv9WoEAKamfpIUs=", task.Target.Password);
    }

    [Fact]
    public void Yaml_anchors_and_merge_keys_share_settings_between_instances()
    {
        var task = TaskYaml.Read("""
            name: t
            task-mode: all
            target-database: {host: target, user: root}
            mysql-instances:
              - &common
                source-id: s1
                mydumper-thread: 6
                from: {host: db1, user: u}
              - <<: *common
                source-id: s2
                from: {host: db2, user: u}
            """);

        Assert.Equal(["s1", "s2"], task.Sources.Select(s => s.SourceId));
        Assert.Equal([6, 6], task.Sources.Select(s => s.Dump.Threads));
        Assert.Equal(["db1", "db2"], task.Sources.Select(s => s.Connection.Host));
    }

    [Fact]
    public void A_merge_key_takes_a_list_of_anchors_and_the_first_one_wins()
    {
        var task = TaskYaml.Read(TaskYaml.With(
            top: """
                mydumpers:
                  fast: &fast {threads: 8, rows: 100}
                  wide: &wide {threads: 2, chunk-filesize: 256}
                  global:
                    <<: [*fast, *wide]
                    rows: 5
                """,
            instance: "mydumper-config-name: global\n"));

        var dump = task.Sources[0].Dump;
        Assert.Equal((8, 5L, 256L << 20), (dump.Threads, dump.ChunkRows, dump.ChunkFileSize));
    }

    [Fact]
    public void Every_DM_key_not_acted_on_yet_is_accepted()
    {
        static string Keys(IReadOnlySet<string> keys, string indent) => string.Concat(keys.Select(key => $"{indent}{key}: x\n"));

        var yaml = "name: t\ntask-mode: all\n"
            + Keys(DmKeysNotActedOn.Task, "")
            + "target-database:\n  host: target\n  user: root\n" + Keys(DmKeysNotActedOn.Database, "  ")
            + "  security:\n" + Keys(DmKeysNotActedOn.Security, "    ")
            + "mydumpers:\n  global:\n" + Keys(DmKeysNotActedOn.Mydumper, "    ")
            + "loaders:\n  global:\n" + Keys(DmKeysNotActedOn.Loader, "    ")
            + "syncers:\n  global:\n" + Keys(DmKeysNotActedOn.Syncer, "    ")
            + "mysql-instances:\n  - source-id: s1\n    mydumper-config-name: global\n    loader-config-name: global\n    syncer-config-name: global\n"
            + "    from:\n      host: db\n      user: u\n" + Keys(DmKeysNotActedOn.Database, "      ")
            + Keys(DmKeysNotActedOn.Instance, "    ");

        var task = TaskYaml.Read(yaml);

        Assert.Equal("s1", Assert.Single(task.Sources).SourceId);
    }
}
