using Sluice.Server.Tasks.Contract;
using Sluice.Server.Tasks.Conversion;

namespace Sluice.Server.Tests.Tasks.Conversion;

/// <summary>What cannot be read, or cannot be said in the other form, is refused naming the key and its line.</summary>
public sealed class TaskYamlErrorTests
{
    private const string Head = """
        name: t
        task-mode: all
        target-database:
          host: db
          user: root
        mysql-instances:
          - source-id: s1
            block-allow-list: ba
          - source-id: s2
            block-allow-list: ba
        block-allow-list:
          ba:
            do-dbs: [shop]

        """;

    [Fact]
    public void Bad_yaml_is_refused_with_its_line()
    {
        var error = Assert.Throws<TaskYamlException>(() => TaskYamlConverter.FromYaml("name: t\ntask-mode: [all\n"));

        Assert.NotNull(error.Line);
        Assert.StartsWith("line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_named_with_its_line_and_column()
    {
        var error = Assert.Throws<TaskYamlException>(() => TaskYamlConverter.FromYaml(Head + "syncers:\n  s:\n    worker-cuont: 4\n"));

        Assert.Equal(16, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Contains("unknown key 'worker-cuont'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_with_its_line()
    {
        var error = Assert.Throws<TaskYamlException>(() => TaskYamlConverter.FromYaml(Head + "syncers:\n  s:\n    batch: lots\n"));

        Assert.Equal(16, error.Line);
        Assert.Contains("lots", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("case-sensitive: true\n", "case-sensitive", 14)]
    [InlineData("clean-dump-file: false\n", "clean-dump-file", 14)]
    [InlineData("block-allow-list:\n  ba:\n    ignore-dbs: [mysql]\n", "block-allow-list.ba.ignore-dbs", 17)]
    [InlineData("expression-filter:\n  e:\n    schema: a\n", "expression-filter", 14)]
    public void A_top_level_key_the_api_task_cannot_hold_is_named(string extra, string key, int line)
    {
        var yaml = Head + extra;
        if (key.StartsWith("block-allow-list", StringComparison.Ordinal))
        {
            // Replace the list rather than adding a second one under the same key.
            yaml = Head.Replace("block-allow-list:\n  ba:\n    do-dbs: [shop]\n", string.Empty, StringComparison.Ordinal).Replace("\n\n", "\n", StringComparison.Ordinal) + extra;
            line = 13;
        }

        var error = Assert.Throws<TaskYamlException>(() => TaskYamlConverter.FromYaml(yaml));

        Assert.Equal(key, error.Key);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void An_inline_source_connection_is_refused()
    {
        var yaml = Head.Replace("  - source-id: s2\n", "  - source-id: s2\n    from: { host: h, user: u }\n", StringComparison.Ordinal);

        var error = Assert.Throws<TaskYamlException>(() => TaskYamlConverter.FromYaml(yaml));

        Assert.Equal("mysql-instances[1].from", error.Key);
        Assert.Equal(10, error.Line);
    }

    [Fact]
    public void A_filter_that_does_more_than_ignore_is_refused()
    {
        var yaml = Head.Replace("    block-allow-list: ba\n  - source-id: s2", "    block-allow-list: ba\n    filter-rules: [f]\n  - source-id: s2", StringComparison.Ordinal)
            + "filters:\n  f:\n    schema-pattern: shop\n    events: [delete]\n    action: Error\n";

        var error = Assert.Throws<TaskYamlException>(() => TaskYamlConverter.FromYaml(yaml));

        Assert.Equal("filters.f.action", error.Key);
        Assert.Equal(19, error.Line);
    }

    [Fact]
    public void Instances_with_different_sync_settings_are_refused()
    {
        var yaml = Head.Replace("    block-allow-list: ba\n  - source-id: s2", "    block-allow-list: ba\n    syncer-thread: 8\n  - source-id: s2", StringComparison.Ordinal);

        var error = Assert.Throws<TaskYamlException>(() => TaskYamlConverter.FromYaml(yaml));

        Assert.Equal("mysql-instances[1].syncer-config-name", error.Key);
        Assert.Contains("differs from mysql-instances[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_writing_extra_columns_is_refused()
    {
        var yaml = Head.Replace("    block-allow-list: ba\n  - source-id: s2", "    block-allow-list: ba\n    route-rules: [r]\n  - source-id: s2", StringComparison.Ordinal)
            + "routes:\n  r:\n    schema-pattern: shop\n    target-schema: all\n    extract-table: { table-regexp: \"t_(.*)\", target-column: c }\n";

        var error = Assert.Throws<TaskYamlException>(() => TaskYamlConverter.FromYaml(yaml));

        Assert.Equal("routes.r.extract-table", error.Key);
        Assert.Equal(19, error.Line);
    }

    [Fact]
    public void A_rule_name_not_defined_is_named()
    {
        var yaml = Head.Replace("    block-allow-list: ba\n  - source-id: s2", "    block-allow-list: ba\n    route-rules: [nope]\n  - source-id: s2", StringComparison.Ordinal);

        var error = Assert.Throws<TaskYamlException>(() => TaskYamlConverter.FromYaml(yaml));

        Assert.Equal("mysql-instances[0].route-rules[0]", error.Key);
        Assert.Equal(9, error.Line);
    }

    [Fact]
    public void Certificate_contents_are_not_written_to_a_task_file()
    {
        var task = TaskSamples.Valid() with
        {
            TargetConfig = TaskSamples.Valid().TargetConfig! with { Security = new TaskSecurity { SslCaContent = "-----BEGIN CERTIFICATE-----" } },
        };

        var error = Assert.Throws<TaskYamlException>(() => TaskYamlConverter.ToYaml(task));

        Assert.Equal("target_config.security", error.Key);
    }
}
