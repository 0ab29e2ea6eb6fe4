using Sluice.Testing;

namespace Sluice.MySql.Tests.Harness;

public sealed class MariaDbServersTests(MariaDbServers servers)
{
    [Fact]
    public async Task Source_and_target_are_separate_servers_with_row_binlog_and_gtid()
    {
        Assert.NotEqual(servers.Source.Port, servers.Target.Port);
        Assert.NotEqual(
            await servers.Source.ScalarAsync("SELECT @@server_id"),
            await servers.Target.ScalarAsync("SELECT @@server_id"));
        foreach (var server in new[] { servers.Source, servers.Target })
        {
            Assert.Equal("ROW", await server.ScalarAsync("SELECT @@binlog_format"));
            Assert.Equal("CRC32", await server.ScalarAsync("SELECT @@binlog_checksum"));
            Assert.Equal(1L, Convert.ToInt64(await server.ScalarAsync("SELECT @@log_bin"), System.Globalization.CultureInfo.InvariantCulture));
        }

        await servers.Source.ExecuteAsync("CREATE DATABASE IF NOT EXISTS harness; CREATE TABLE IF NOT EXISTS harness.t (id INT PRIMARY KEY); REPLACE INTO harness.t VALUES (1)");
        Assert.Matches(@"^0-\d+-\d+$", (string?)await servers.Source.ScalarAsync("SELECT @@gtid_binlog_pos"));
    }
}
