using System.Text.Json.Nodes;
using Sluice.Cli.Dmctl;

namespace Sluice.Cli.Tests.Dmctl;

public sealed class TaskFileTextTests
{
    [Fact]
    public void The_name_and_the_targets_password_are_read_and_the_text_kept()
    {
        const string Yaml = "name: \"shop\"\ntask-mode: all\ntarget-database:\n  host: t\n  password: 'p@ss: word'\n";

        var file = TaskFileText.Parse(Yaml, "task.yaml");

        Assert.Equal("shop", file.Name);
        Assert.Equal("p@ss: word", file.TargetPassword);
        Assert.Equal(Yaml, file.Yaml);
        Assert.Null(TaskFileText.Parse("name: x\n", "task.yaml").TargetPassword);
    }

    [Theory]
    [InlineData("task-mode: all\n")]
    [InlineData("name: \"\"\n")]
    [InlineData("")]
    public void A_file_without_a_name_is_refused(string yaml) =>
        Assert.Contains("name", Assert.Throws<ArgumentException>(() => TaskFileText.Parse(yaml, "task.yaml")).Message, StringComparison.Ordinal);

    [Fact]
    public void The_converters_hidden_password_is_replaced_by_the_files()
    {
        var task = JsonNode.Parse("""{"name": "t", "target_config": {"host": "h", "password": "******"}}""")!.AsObject();
        Assert.Equal("real", TaskConversion.WithPassword(task, "real")["target_config"]!["password"]!.GetValue<string>());
        var without = JsonNode.Parse("""{"name": "t", "target_config": {"host": "h"}}""")!.AsObject();
        Assert.False(TaskConversion.WithPassword(without, null)["target_config"]!.AsObject().ContainsKey("password"));
    }

    [Theory]
    [InlineData("task.yaml", true)]
    [InlineData("conf/task.YML", true)]
    [InlineData("./t", true)]
    [InlineData("my-task", false)]
    [InlineData("task.v2", false)]
    public void A_task_argument_is_a_file_when_it_looks_like_one(string argument, bool isFile) =>
        Assert.Equal(isFile, TaskArgument.IsFile(argument));
}
