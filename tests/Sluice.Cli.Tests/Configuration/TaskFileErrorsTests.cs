using Sluice.Cli.Configuration;

namespace Sluice.Cli.Tests.Configuration;

/// <summary>Every way a task file is refused: the message names the file, the line and the key's path.</summary>
public sealed class TaskFileErrorsTests
{
    private static void AssertError(TaskConfigException error, string path, string fragment)
    {
        Assert.Equal(path, error.KeyPath);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("task.yaml", error.Message, StringComparison.Ordinal);
        if (path.Length > 0)
        {
            Assert.Contains($"{path}: ", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Malformed_yaml_is_reported_with_its_line()
    {
        var error = TaskYaml.Fails("name: t\ntask-mode: full\ntarget-database:\n  host: x\n user: y\n");

        AssertError(error, "", "not valid YAML");
        Assert.Equal(5, error.Line);
        AssertError(TaskYaml.Fails("name: t\ntask-mode: [full\ntarget-database:\n  host: x\n"), "", "not valid YAML");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        AssertError(TaskYaml.Fails(""), "", "the file is empty");
        AssertError(TaskYaml.Fails("# only a comment\n"), "", "the file is empty");
    }

    [Fact]
    public void A_file_whose_top_is_not_a_mapping_is_refused()
    {
        AssertError(TaskYaml.Fails("- name: t\n"), "", "expected a mapping of keys at the top, found a list");
    }

    [Fact]
    public void Two_yaml_documents_are_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With() + "---\nname: u\n"), "", "more than one YAML document");
    }

    [Fact]
    public void An_unknown_top_level_key_is_named_with_its_line()
    {
        var error = TaskYaml.Fails("name: t\nfoo: 1\n");

        AssertError(error, "foo", "unknown key 'foo' at the top level");
        Assert.Equal(2, error.Line);
        Assert.Equal("task.yaml, line 2: foo: unknown key 'foo' at the top level", error.Message);
    }

    [Fact]
    public void An_unknown_key_gets_the_closest_known_key_as_a_suggestion()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With().Replace("task-mode", "task_mode", StringComparison.Ordinal)), "task_mode", "did you mean 'task-mode'?");
        AssertError(TaskYaml.Fails(TaskYaml.With(instance: "mydumper-threads: 2\n")), "mysql-instances[0].mydumper-threads", "did you mean 'mydumper-thread'?");
    }

    [Fact]
    public void An_unknown_key_inside_a_named_rule_names_the_rule()
    {
        var error = TaskYaml.Fails(TaskYaml.With(top: "block-allow-list:\n  r:\n    do-db: [a]\n"));

        AssertError(error, "block-allow-list.r.do-db", "unknown key 'do-db' in block-allow-list.r; did you mean 'do-dbs'?");
    }

    [Fact]
    public void An_unknown_key_in_a_list_entry_names_its_index()
    {
        var error = TaskYaml.Fails(TaskYaml.With(top: "block-allow-list:\n  r:\n    do-tables:\n    - db-name: a\n      table-name: b\n"));

        AssertError(error, "block-allow-list.r.do-tables[0].table-name", "unknown key 'table-name'");
    }

    [Fact]
    public void A_key_given_twice_is_refused()
    {
        var error = TaskYaml.Fails("name: t\nname: u\n");

        AssertError(error, "", "Duplicate key name");
        Assert.Equal(2, error.Line);
        AssertError(TaskYaml.Fails("name: t\n\"name\": u\n"), "", "Duplicate key name");
    }

    [Fact]
    public void Values_of_the_wrong_type_are_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With().Replace("  user: root", "  user: root\n  port: abc", StringComparison.Ordinal)), "target-database.port", "expected a whole number, found 'abc'");
        AssertError(TaskYaml.Fails(TaskYaml.With(top: "case-sensitive: maybe\n")), "case-sensitive", "expected true or false, found 'maybe'");
        AssertError(TaskYaml.Fails(TaskYaml.With(top: "block-allow-list:\n  r:\n    do-dbs: a\n")), "block-allow-list.r.do-dbs", "expected a list, found 'a'");
        AssertError(TaskYaml.Fails(TaskYaml.With(top: "routes: [a]\n")), "routes", "expected a mapping of keys, found a list");
        AssertError(TaskYaml.Fails(TaskYaml.With().Replace("name: t", "name: [t]", StringComparison.Ordinal)), "name", "expected a single value, found a list");
        AssertError(TaskYaml.Fails(TaskYaml.With(instance: "route-rules: [[a]]\n")), "mysql-instances[0].route-rules[0]", "expected a plain value, found a list");
    }

    [Fact]
    public void A_missing_name_is_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With().Replace("name: t\n", "", StringComparison.Ordinal)), "name", "missing");
    }

    [Fact]
    public void A_missing_task_mode_is_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With().Replace("task-mode: full\n", "", StringComparison.Ordinal)), "task-mode", "missing: set task-mode to all, full, incremental, dump or load");
    }

    [Fact]
    public void An_unknown_task_mode_is_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With().Replace("task-mode: full", "task-mode: fulll", StringComparison.Ordinal)), "task-mode", "'fulll' is not a task mode");
    }

    [Fact]
    public void The_load_and_sync_mode_is_refused_as_not_supported_yet()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With().Replace("task-mode: full", "task-mode: load&sync", StringComparison.Ordinal)), "task-mode", "not supported yet");
    }

    [Fact]
    public void A_missing_target_database_is_refused()
    {
        var yaml = TaskYaml.With().Replace("target-database:\n  host: target.example\n  user: root\n", "", StringComparison.Ordinal);

        AssertError(TaskYaml.Fails(yaml), "target-database", "missing");
    }

    [Fact]
    public void A_target_without_host_or_user_is_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With().Replace("  host: target.example\n", "", StringComparison.Ordinal)), "target-database.host", "missing");
        AssertError(TaskYaml.Fails(TaskYaml.With().Replace("  user: root\n", "", StringComparison.Ordinal)), "target-database.user", "missing");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void A_port_out_of_range_is_refused(int port)
    {
        AssertError(TaskYaml.Fails(TaskYaml.With().Replace("  user: root", $"  user: root\n  port: {port}", StringComparison.Ordinal)), "target-database.port", "is not a TCP port (1 to 65535)");
        AssertError(TaskYaml.Fails(TaskYaml.With(instance: $"from:\n  port: {port}\n", from: false).Replace("from:\n", "from:\n      host: h\n      user: u\n", StringComparison.Ordinal)), "mysql-instances[0].from.port", "is not a TCP port");
    }

    [Fact]
    public void A_task_without_instances_is_refused()
    {
        AssertError(TaskYaml.Fails("name: t\ntask-mode: all\ntarget-database: {host: h, user: u}\n"), "mysql-instances", "at least one source");
        AssertError(TaskYaml.Fails("name: t\ntask-mode: all\ntarget-database: {host: h, user: u}\nmysql-instances: []\n"), "mysql-instances", "at least one source");
    }

    [Fact]
    public void An_instance_without_a_source_id_is_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With().Replace("source-id: s1", "source-id: \"\"", StringComparison.Ordinal)), "mysql-instances[0].source-id", "missing");
    }

    [Fact]
    public void A_source_id_longer_than_DM_allows_is_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With().Replace("source-id: s1", $"source-id: {new string('s', 33)}", StringComparison.Ordinal)), "mysql-instances[0].source-id", "longer than 32 characters");
    }

    [Fact]
    public void A_source_id_listed_twice_is_refused()
    {
        var yaml = TaskYaml.With() + "  - source-id: s1\n    from: {host: h, user: u}\n";

        AssertError(TaskYaml.Fails(yaml), "mysql-instances[1].source-id", "'s1' is also the source-id of mysql-instances[0]");
    }

    [Fact]
    public void An_instance_naming_a_missing_block_allow_list_is_refused()
    {
        var error = TaskYaml.Fails(TaskYaml.With(top: "block-allow-list:\n  a:\n    do-dbs: [x]\n  b:\n    do-dbs: [y]\n", instance: "block-allow-list: c\n"));

        AssertError(error, "mysql-instances[0].block-allow-list", "no rule named 'c' under block-allow-list (defined: a, b)");
        AssertError(TaskYaml.Fails(TaskYaml.With(instance: "black-white-list: c\n")), "mysql-instances[0].black-white-list", "the task file defines no block-allow-list");
    }

    [Fact]
    public void An_instance_naming_a_missing_route_is_refused_at_the_list_entry()
    {
        var error = TaskYaml.Fails(TaskYaml.With(
            top: "routes:\n  r1:\n    schema-pattern: a\n    target-schema: b\n",
            instance: "route-rules:\n  - r1\n  - r2\n"));

        AssertError(error, "mysql-instances[0].route-rules[1]", "no rule named 'r2' under routes (defined: r1)");
        Assert.Equal(17, error.Line);
    }

    [Fact]
    public void A_rule_listed_twice_on_an_instance_is_refused()
    {
        var error = TaskYaml.Fails(TaskYaml.With(
            top: "routes:\n  r1:\n    schema-pattern: a\n    target-schema: b\n",
            instance: "route-rules: [r1, r1]\n"));

        AssertError(error, "mysql-instances[0].route-rules[1]", "'r1' is listed twice");
    }

    [Fact]
    public void An_instance_naming_a_missing_filter_is_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With(instance: "filter-rules: [f]\n")), "mysql-instances[0].filter-rules[0]", "the task file defines no filters");
    }

    [Fact]
    public void An_instance_naming_missing_dump_load_or_sync_configs_is_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With(instance: "mydumper-config-name: m\n")), "mysql-instances[0].mydumper-config-name", "no rule named 'm': the task file defines no mydumpers");
        AssertError(TaskYaml.Fails(TaskYaml.With(instance: "loader-config-name: l\n")), "mysql-instances[0].loader-config-name", "defines no loaders");
        AssertError(TaskYaml.Fails(TaskYaml.With(instance: "syncer-config-name: s\n")), "mysql-instances[0].syncer-config-name", "defines no syncers");
    }

    [Fact]
    public void A_named_and_an_inline_config_together_are_refused()
    {
        var error = TaskYaml.Fails(TaskYaml.With(top: "mydumpers:\n  global:\n", instance: "mydumper-config-name: global\nmydumper:\n  threads: 2\n"));

        AssertError(error, "mysql-instances[0].mydumper", "both mydumper-config-name and mydumper are given");
    }

    [Fact]
    public void A_source_with_no_connection_is_refused()
    {
        var error = TaskYaml.Fails(TaskYaml.With(from: false));

        AssertError(error, "mysql-instances[0].source-id", "source 's1' has no connection");
        Assert.Contains("source file whose source-id is 's1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_given_both_inline_and_by_source_file_is_refused()
    {
        var sources = SourceFileReader.ReadAll([("s1.yaml", "source-id: s1\nfrom: {host: h, user: u}\n")]);

        AssertError(TaskYaml.Fails(TaskYaml.With(), sources), "mysql-instances[0].from", "given both here and by a source file");
    }

    [Theory]
    [InlineData("target-schema: \"db_*\"", "routes.r.target-schema")]
    [InlineData("target-schema: db\n    target-table: \"t_?\"", "routes.r.target-table")]
    public void A_wildcard_in_a_route_target_is_refused(string target, string path)
    {
        var error = TaskYaml.Fails(TaskYaml.With(top: $"routes:\n  r:\n    schema-pattern: \"db_*\"\n    table-pattern: \"t_*\"\n    {target}\n"));

        AssertError(error, path, "holds a wildcard; a route's target is a plain name");
    }

    [Fact]
    public void An_expression_filter_that_does_not_parse_or_names_nothing_is_refused()
    {
        AssertError(
            TaskYaml.Fails(TaskYaml.With(top: "expression-filter:\n  e:\n    schema: a\n    table: t\n    insert-value-expr: \"c >\"\n")),
            "expression-filter.e.insert-value-expr",
            "not an expression");
        AssertError(TaskYaml.Fails(TaskYaml.With(top: "expression-filter:\n  e:\n    schema: a\n    table: t\n")), "expression-filter.e", "at least one");
        AssertError(TaskYaml.Fails(TaskYaml.With(top: "expression-filter:\n  e:\n    table: t\n    delete-value-expr: \"1\"\n")), "expression-filter.e.schema", "missing");
    }

    [Fact]
    public void A_route_without_patterns_or_target_is_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With(top: "routes:\n  r:\n    target-schema: a\n")), "routes.r.schema-pattern", "missing");
        AssertError(TaskYaml.Fails(TaskYaml.With(top: "routes:\n  r:\n    schema-pattern: a\n")), "routes.r.target-schema", "missing");
    }

    [Fact]
    public void Route_extractors_are_refused_as_not_supported_yet()
    {
        var error = TaskYaml.Fails(TaskYaml.With(top: "routes:\n  r:\n    schema-pattern: a\n    target-schema: b\n    extract-table:\n      table-regexp: \"t_(.*)\"\n      target-column: c\n"));

        AssertError(error, "routes.r.extract-table", "not supported yet");
    }

    [Fact]
    public void A_block_allow_list_table_entry_without_both_names_is_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With(top: "block-allow-list:\n  r:\n    do-tables:\n    - db-name: a\n")), "block-allow-list.r.do-tables[0].tbl-name", "missing");
        AssertError(TaskYaml.Fails(TaskYaml.With(top: "block-allow-list:\n  r:\n    ignore-tables:\n    - tbl-name: a\n")), "block-allow-list.r.ignore-tables[0].db-name", "missing");
    }

    [Fact]
    public void A_filter_rule_without_a_valid_action_is_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With(top: "filters:\n  f:\n    schema-pattern: a\n")), "filters.f.action", "missing");
        AssertError(TaskYaml.Fails(TaskYaml.With(top: "filters:\n  f:\n    schema-pattern: a\n    action: Skip\n")), "filters.f.action", "'Skip' is not an action");
        AssertError(TaskYaml.Fails(TaskYaml.With(top: "filters:\n  f:\n    action: Do\n")), "filters.f.schema-pattern", "missing");
    }

    [Theory]
    [InlineData("threads: 0", "mydumpers.global.threads", "the dump needs at least 1")]
    [InlineData("rows: -1", "mydumpers.global.rows", "not a row count")]
    [InlineData("chunk-filesize: big", "mydumpers.global.chunk-filesize", "'big' is not a size")]
    [InlineData("where: \"id > 10\"", "mydumpers.global.where", "not supported yet")]
    [InlineData("extra-args: \"--consistency\"", "mydumpers.global.extra-args", "--consistency needs a value")]
    [InlineData("extra-args: \"--consistency weak\"", "mydumpers.global.extra-args", "'weak' is not one of auto, flush, snapshot, lock, none")]
    [InlineData("extra-args: \"--no-locks --consistency flush\"", "mydumpers.global.extra-args", "--no-locks cannot be combined")]
    [InlineData("extra-args: \"-B shop\"", "mydumpers.global.extra-args", "-B is not supported yet")]
    [InlineData("extra-args: \"--where id>10\"", "mydumpers.global.extra-args", "--where is not supported yet")]
    [InlineData("extra-args: \"--tables-list=a.b\"", "mydumpers.global.extra-args", "--tables-list is not supported yet")]
    [InlineData("extra-args: \"--compress gzip\"", "mydumpers.global.extra-args", "unknown dumpling option '--compress'")]
    [InlineData("extra-args: \"none\"", "mydumpers.global.extra-args", "'none' is not an option")]
    [InlineData("extra-args: \"-t 0\"", "mydumpers.global.extra-args", "-t '0' is not a thread count of at least 1")]
    [InlineData("extra-args: \"-F huge\"", "mydumpers.global.extra-args", "-F 'huge' is not a size")]
    public void Bad_mydumper_settings_are_refused(string setting, string path, string fragment)
    {
        var error = TaskYaml.Fails(TaskYaml.With(top: $"mydumpers:\n  global:\n    {setting}\n", instance: "mydumper-config-name: global\n"));

        AssertError(error, path, fragment);
    }

    [Theory]
    [InlineData("pool-size: -1", "loaders.global.pool-size", "not a connection count")]
    [InlineData("import-mode: physical", "loaders.global.import-mode", "not supported; use logical")]
    [InlineData("import-mode: fast", "loaders.global.import-mode", "'fast' is not an import mode")]
    [InlineData("dir: \"s3://bucket/dump\"", "loaders.global.dir", "external storage is not supported yet")]
    [InlineData("on-duplicate-logical: overwrite", "loaders.global.on-duplicate-logical", "'overwrite' is not one of replace, error, ignore")]
    [InlineData("on-duplicate: keep", "loaders.global.on-duplicate", "'keep' is not one of replace, error, ignore")]
    public void Bad_loader_settings_are_refused(string setting, string path, string fragment)
    {
        var error = TaskYaml.Fails(TaskYaml.With(top: $"loaders:\n  global:\n    {setting}\n", instance: "loader-config-name: global\n"));

        AssertError(error, path, fragment);
    }

    [Fact]
    public void Negative_thread_overrides_are_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With(instance: "mydumper-thread: -2\n")), "mysql-instances[0].mydumper-thread", "-2 is not a thread count");
        AssertError(TaskYaml.Fails(TaskYaml.With(instance: "loader-thread: -1\n")), "mysql-instances[0].loader-thread", "-1 is not a thread count");
    }

    [Fact]
    public void A_meta_that_says_nowhere_to_start_is_refused()
    {
        AssertError(TaskYaml.Fails(TaskYaml.With(instance: "meta:\n  binlog-pos: 4\n")), "mysql-instances[0].meta", "give binlog-name (with binlog-pos) or binlog-gtid");
    }

    [Fact]
    public void Inline_certificates_and_half_a_client_certificate_are_refused()
    {
        AssertError(
            TaskYaml.Fails(TaskYaml.With().Replace("  user: root\n", "  user: root\n  security:\n    ssl-ca-base64: LS0t\n", StringComparison.Ordinal)),
            "target-database.security.ssl-ca-base64",
            "certificates given inline are not supported yet");
        AssertError(
            TaskYaml.Fails(TaskYaml.With().Replace("  user: root\n", "  user: root\n  security:\n    ssl-cert: /c.pem\n", StringComparison.Ordinal)),
            "target-database.security.ssl-cert",
            "give both or neither");
    }
}
