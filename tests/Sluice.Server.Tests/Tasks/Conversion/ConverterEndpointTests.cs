using System.Net;
using System.Text.Json;
using Sluice.Server.Tasks.Contract;
using Sluice.Server.Tasks.Conversion;

namespace Sluice.Server.Tests.Tasks.Conversion;

/// <summary>POST /api/v1/tasks/converters: JSON task to DM task file and back, through the running server.</summary>
public sealed class ConverterEndpointTests
{
    [Fact]
    public async Task A_json_task_comes_back_with_its_task_file_and_the_password_hidden_in_both()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ServerHost.StartAsync(ct);
        var body = $$"""{"task": {{TaskSamples.ValidTaskJson}}}""";

        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/converters", body, ct);

        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var answer = JsonDocument.Parse(text).RootElement;
        var task = TaskJson.Parse(answer.GetProperty("task").GetRawText());
        var yaml = answer.GetProperty("task_config_file").GetString()!;
        Assert.Equal(TaskTargetDatabase.HiddenPassword, task.TargetConfig!.Password);
        Assert.DoesNotContain(TaskSamples.Valid().TargetConfig!.Password!, text, StringComparison.Ordinal);
        Assert.Equal(TaskSamples.Valid().Name, TaskYamlConverter.FromYaml(yaml).Name);
        Assert.Equal(TaskYamlConverter.ToYaml(TaskSamples.Valid().Redacted()), yaml);
    }

    [Fact]
    public async Task A_task_file_comes_back_as_the_json_task()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ServerHost.StartAsync(ct);
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["task_config_file"] = Samples.RepresentativeTaskYaml });

        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/converters", body, ct);

        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var task = TaskJson.Parse(JsonDocument.Parse(text).RootElement.GetProperty("task").GetRawText());
        var expected = TaskYamlConverter.FromYaml(Samples.RepresentativeTaskYaml);
        Assert.Equal(expected.Name, task.Name);
        Assert.Equal(expected.TaskMode, task.TaskMode);
        Assert.Equal(expected.SourceConfig!.SourceConf!.Select(s => s.SourceName), task.SourceConfig!.SourceConf!.Select(s => s.SourceName));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"task_config_file": ""}""")]
    [InlineData("""{"task_config_file": 5}""")]
    [InlineData("""{"task": "x"}""")]
    [InlineData("""{"task": {"name": 5}}""")]
    [InlineData("""{"task_config_file": "name: [unclosed"}""")]
    [InlineData("""{"task_config_file": "name: t\ntask-mode: all\nno-such-key: 1\n"}""")]
    [InlineData("""{"other": 1}""")]
    [InlineData("[]")]
    [InlineData("{")]
    public async Task Bad_requests_get_a_400_in_the_error_shape(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ServerHost.StartAsync(ct);

        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/converters", body, ct);

        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, null, ct);
    }

    [Fact]
    public async Task Both_forms_at_once_are_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ServerHost.StartAsync(ct);
        var body = $$"""{"task": {{TaskSamples.ValidTaskJson}}, "task_config_file": "name: x"}""";

        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/converters", body, ct);

        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 49001, ct);
    }
}
