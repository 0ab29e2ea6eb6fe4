using System.Security.Cryptography;
using Sluice.MySql.Binlog.Events;
using Sluice.Testing;

namespace Sluice.MySql.Tests.Replication;

/// <summary>A row event larger than one 16 MiB packet arrives split over several packets and must be reassembled.</summary>
public sealed class LargeEventTests(MariaDbServers servers)
{
    [Fact]
    public async Task A_row_event_over_16_MiB_decodes_whole()
    {
        var source = servers.Source;
        await source.ExecuteAsync("DROP DATABASE IF EXISTS large_event; CREATE DATABASE large_event; CREATE TABLE large_event.t (id INT PRIMARY KEY, b LONGBLOB)");
        var start = await SourceStream.EndAsync(source);
        // 20 MiB of a repeating but not constant pattern.
        await source.ExecuteAsync("INSERT INTO large_event.t VALUES (1, REPEAT(UNHEX('000102030405060708090A0B0C0D0E0FF0'), 20 * 1024 * 1024 DIV 17))");
        var expected = Convert.ToHexString((byte[])(await source.ScalarAsync("SELECT UNHEX(SHA2(b, 256)) FROM large_event.t"))!);

        await using var client = new Sluice.MySql.Replication.BinlogClient(SourceStream.Options(source, start));
        var events = await SourceStream.ReadUntilAsync(client, e => SourceStream.IsRowsOf(e, "large_event", "t"));

        var rows = (RowsEvent)events[^1];
        Assert.True(rows.Header.EventSize > 16 * 1024 * 1024, $"event of {rows.Header.EventSize} bytes");
        var blob = (byte[])rows.Rows[0].After![1]!;
        Assert.Equal(20 * 1024 * 1024 / 17 * 17, blob.Length);
        Assert.Equal(expected, Convert.ToHexString(SHA256.HashData(blob)));
    }
}
