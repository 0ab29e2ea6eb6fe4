using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Replication;
using Sluice.Testing;

namespace Sluice.MySql.Tests.Replication;

public sealed class HeartbeatTests(MariaDbServers servers)
{
    [Fact]
    public async Task An_idle_server_sends_heartbeats_at_the_requested_period()
    {
        var start = await SourceStream.EndAsync(servers.Target);
        await using var client = new BinlogClient(SourceStream.Options(servers.Target, start));
        var heartbeats = 0;
        var events = await SourceStream.ReadUntilAsync(client, e => e is HeartbeatEvent && ++heartbeats == 2, TimeSpan.FromSeconds(20));

        var heartbeat = events.OfType<HeartbeatEvent>().Last();
        Assert.Equal(start.Position!.Value.FileName, heartbeat.FileName);
        Assert.Equal(0, client.Reconnects);
    }

    [Fact]
    public async Task Stop_at_end_ends_the_stream_at_the_servers_last_event()
    {
        // The target: no other test rotates its binlog, so positions compare within one file.
        var source = servers.Target;
        await source.ExecuteAsync("DROP DATABASE IF EXISTS stop_at_end; CREATE DATABASE stop_at_end; CREATE TABLE stop_at_end.t (id INT PRIMARY KEY)");
        var start = await SourceStream.EndAsync(source);
        await source.ExecuteAsync("INSERT INTO stop_at_end.t VALUES (1), (2), (3)");
        var end = await source.MasterStatusAsync();

        await using var client = new BinlogClient(SourceStream.Options(source, start) with { StopAtEnd = true });
        var events = await SourceStream.ReadUntilAsync(client, _ => false, TimeSpan.FromSeconds(30));

        Assert.Contains(events, e => SourceStream.IsRowsOf(e, "stop_at_end", "t"));
        Assert.True(client.CurrentPosition!.Value.Position >= end.Position);
    }
}
