using System.Net;
using Microsoft.Extensions.Logging;
using Sluice.Server.Observability;
using Sluice.Server.Tests.Observability;

namespace Sluice.Server.Tests.ChangeFeeds;

/// <summary>TiCDC's cluster calls: status, health, captures, owner, processors, the live log level, and the error shape of /api/v2.</summary>
public sealed class CdcStatusEndpointsTests
{
    [Fact]
    public async Task Status_names_this_capture_as_owner_and_live_and_captures_list_it_at_the_servers_address()
    {
        await using var host = await CdcHost.StartAsync(new ScriptedChangefeedRuns());
        var status = await host.GetJsonAsync("/api/v2/status");
        Assert.StartsWith("v", status.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(status.GetProperty("git_hash").GetString()!);
        Assert.Equal(Environment.ProcessId, status.GetProperty("pid").GetInt32());
        Assert.True(status.GetProperty("is_owner").GetBoolean());
        Assert.Equal(0, status.GetProperty("liveness").GetInt32());
        Assert.Equal(6, status.EnumerateObject().Count());

        var captures = await host.GetJsonAsync("/api/v2/captures");
        Assert.Equal(1, captures.GetProperty("total").GetInt32());
        var capture = Assert.Single(captures.GetProperty("items").EnumerateArray());
        Assert.Equal(status.GetProperty("id").GetString(), capture.GetProperty("id").GetString());
        Assert.True(capture.GetProperty("is_owner").GetBoolean());
        var address = host.Server.Addresses[0];
        Assert.Equal($"{address.Host}:{address.Port}", capture.GetProperty("address").GetString());
    }

    [Fact]
    public async Task Health_and_owner_resign_answer_200_with_an_empty_object()
    {
        await using var host = await CdcHost.StartAsync(new ScriptedChangefeedRuns());
        using (var health = await host.Client.GetAsync("/api/v2/health", CdcHost.Ct))
            await CdcAssert.EmptyOkAsync(health);
        using (var resign = await host.PostAsync("/api/v2/owner/resign", ""))
            await CdcAssert.EmptyOkAsync(resign);
        Assert.True((await host.GetJsonAsync("/api/v2/status")).GetProperty("is_owner").GetBoolean());
    }

    [Fact]
    public async Task Processors_list_is_empty_without_changefeeds_and_an_unknown_one_is_400()
    {
        await using var host = await CdcHost.StartAsync(new ScriptedChangefeedRuns());
        var processors = await host.GetJsonAsync("/api/v2/processors");
        Assert.Equal(0, processors.GetProperty("total").GetInt32());
        Assert.Empty(processors.GetProperty("items").EnumerateArray());
        using var missing = await host.Client.GetAsync("/api/v2/processors/nothing/some-capture", CdcHost.Ct);
        await CdcAssert.ErrorAsync(missing, "CDC:ErrChangeFeedNotExists");
    }

    [Fact]
    public async Task Log_changes_the_level_while_the_server_runs_and_refuses_an_unknown_level()
    {
        using var log = new LogCapture();
        await using var host = await CdcHost.StartAsync(new ScriptedChangefeedRuns(), o => o with { LogLevel = LogLevel.Warning, LogWriter = log });
        using (var quiet = await host.Client.GetAsync("/api/v2/health", CdcHost.Ct))
            Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        Assert.DoesNotContain(log.Lines, line => line.Contains("dbug:", StringComparison.Ordinal));

        using (var debug = await host.PostAsync("/api/v2/log", """{"log_level":"debug"}"""))
            await CdcAssert.EmptyOkAsync(debug);
        using (var loud = await host.Client.GetAsync("/api/v2/health", CdcHost.Ct))
            Assert.Equal(HttpStatusCode.OK, loud.StatusCode);
        Assert.Contains(log.Lines, line => line.Contains("dbug:", StringComparison.Ordinal));

        using (var bad = await host.PostAsync("/api/v2/log", """{"log_level":"verbose"}"""))
            await CdcAssert.ErrorAsync(bad, "CDC:ErrAPIInvalidParam");
        using (var empty = await host.PostAsync("/api/v2/log", ""))
            await CdcAssert.ErrorAsync(empty, "CDC:ErrAPIInvalidParam");
        using (var warn = await host.PostAsync("/api/v2/log", """{"log_level":"WARN"}"""))
            await CdcAssert.EmptyOkAsync(warn);
    }

    [Fact]
    public async Task Unknown_paths_wrong_methods_and_bad_json_answer_in_ticdcs_error_shape()
    {
        await using var host = await CdcHost.StartAsync(new ScriptedChangefeedRuns());
        using (var missing = await host.Client.GetAsync("/api/v2/nothing-here", CdcHost.Ct))
            await CdcAssert.ErrorAsync(missing, "CDC:ErrAPIInvalidParam", HttpStatusCode.NotFound);
        using (var method = await host.Client.DeleteAsync("/api/v2/status", CdcHost.Ct))
            await CdcAssert.ErrorAsync(method, "CDC:ErrAPIInvalidParam", HttpStatusCode.MethodNotAllowed);
        using (var json = await host.PostAsync("/api/v2/changefeeds", "{\"sink_uri\": "))
            await CdcAssert.ErrorAsync(json, "CDC:ErrAPIInvalidParam");
        // The server answers 413 as soon as the limit is passed; a client still writing the body may see the connection
        // closed under it instead of the answer, which is the same refusal.
        try
        {
            using var large = await host.PostAsync("/api/v2/changefeeds", "{\"sink_uri\": \"" + new string('a', (1024 * 1024) + 16) + "\"}");
            await CdcAssert.ErrorAsync(large, "CDC:ErrAPIInvalidParam", HttpStatusCode.RequestEntityTooLarge);
        }
        catch (HttpRequestException refused) when (refused.InnerException is IOException)
        {
        }

        // The DM API keeps its own shape.
        using var dm = await host.Client.GetAsync("/api/v1/nothing-here", CdcHost.Ct);
        await ApiAssert.ErrorAsync(dm, HttpStatusCode.NotFound, null, CdcHost.Ct);
    }
}
