using Sluice.ChangeFeed.Sinks;
using Sluice.ChangeFeed.Sinks.MySql;

namespace Sluice.ChangeFeed.Tests.Sinks.MySql;

public sealed class MySqlSinkOptionsTests
{
    [Fact]
    public void A_bare_uri_gives_ticdcs_defaults()
    {
        var options = MySqlSinkOptions.FromUri(SinkUri.Parse("mysql://root:123456@127.0.0.1:3306/"));

        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(3306, options.Port);
        Assert.Equal("root", options.User);
        Assert.Equal("123456", options.Password);
        Assert.False(options.IsTiDb);
        Assert.Equal(16, options.WorkerCount);
        Assert.Equal(256, options.MaxTxnRow);
        Assert.False(options.SafeMode);
        Assert.True(options.BatchDmlEnable);
        Assert.True(options.MultiStmtEnable);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ReadTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.WriteTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Timeout);
        Assert.Same(TimeZoneInfo.Local, options.TimeZone);
        Assert.Null(options.SslCa);
    }

    [Fact]
    public void Every_documented_parameter_is_read()
    {
        var options = MySqlSinkOptions.FromUri(SinkUri.Parse(
            "tidb://cdc:p%40ss@db.example:4000/?worker-count=8&max-txn-row=64&safe-mode=true&ssl-ca=/c/ca.pem&ssl-cert=/c/cert.pem"
            + "&ssl-key=/c/key.pem&time-zone=%2B08:00&batch-dml-enable=false&multi-stmt-enable=false&read-timeout=30s&write-timeout=1m30s"
            + "&timeout=500ms&tidb-txn-mode=optimistic&cache-prep-stmts=false&max-multi-update-row=40&max-multi-update-row-size=1024"));

        Assert.Equal("db.example", options.Host);
        Assert.Equal(4000, options.Port);
        Assert.Equal("cdc", options.User);
        Assert.Equal("p@ss", options.Password);
        Assert.True(options.IsTiDb);
        Assert.Equal(8, options.WorkerCount);
        Assert.Equal(64, options.MaxTxnRow);
        Assert.True(options.SafeMode);
        Assert.Equal("/c/ca.pem", options.SslCa);
        Assert.Equal("/c/cert.pem", options.SslCert);
        Assert.Equal("/c/key.pem", options.SslKey);
        Assert.Equal(TimeSpan.FromHours(8), options.TimeZone!.BaseUtcOffset);
        Assert.False(options.BatchDmlEnable);
        Assert.False(options.MultiStmtEnable);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ReadTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), options.WriteTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Timeout);
    }

    [Theory]
    [InlineData("mysql://root@127.0.0.1:3306/?time-zone=", null)]
    [InlineData("mysql://root@127.0.0.1:3306/?time-zone=\"\"", null)]
    [InlineData("mysql://root@127.0.0.1:3306/?time-zone=UTC", "'+00:00'")]
    [InlineData("mysql://root@127.0.0.1:3306/?time-zone=-05:30", "'-05:30'")]
    [InlineData("mysql://root@127.0.0.1:3306/?time-zone=+08:00", "'+08:00'")]
    [InlineData("mysql://root@127.0.0.1:3306/?time-zone=Asia/Shanghai", "'+08:00'")]
    public void The_time_zone_is_a_name_an_offset_or_the_targets_own(string text, string? sessionValue)
    {
        var options = MySqlSinkOptions.FromUri(SinkUri.Parse(text));

        Assert.Equal(sessionValue ?? "DEFAULT", DdlWriter.TimeZoneValue(options.TimeZone, Sluice.ChangeFeed.Model.Tso.FromUnixMilliseconds(1_700_000_000_000)));
    }

    [Fact]
    public void A_host_without_a_port_gets_3306_and_an_ipv6_address_its_own()
    {
        Assert.Equal(3306, MySqlSinkOptions.FromUri(SinkUri.Parse("mysql://root@db/")).Port);
        var v6 = MySqlSinkOptions.FromUri(SinkUri.Parse("mysql://root@[::1]:3307/"));
        Assert.Equal("::1", v6.Host);
        Assert.Equal(3307, v6.Port);
    }

    [Theory]
    [InlineData("mysql://root@127.0.0.1:3306/?worker-cnt=4", "worker-cnt")]
    [InlineData("mysql://root@127.0.0.1:3306/?worker-count=0", "worker-count")]
    [InlineData("mysql://root@127.0.0.1:3306/?worker-count=2000", "worker-count")]
    [InlineData("mysql://root@127.0.0.1:3306/?max-txn-row=-1", "max-txn-row")]
    [InlineData("mysql://root@127.0.0.1:3306/?safe-mode=yes", "safe-mode")]
    [InlineData("mysql://root@127.0.0.1:3306/?read-timeout=2minutes", "read-timeout")]
    [InlineData("mysql://root@127.0.0.1:3306/?time-zone=Mars/Olympus", "Mars/Olympus")]
    [InlineData("mysql://root@127.0.0.1:3306/?ssl-cert=/c/cert.pem", "ssl-key")]
    [InlineData("mysql://root@127.0.0.1:3306/?tidb-txn-mode=eager", "tidb-txn-mode")]
    [InlineData("mysql://root@127.0.0.1:99999/", "99999")]
    [InlineData("mysql://root@a:3306,b:3306/", "several hosts")]
    [InlineData("kafka://127.0.0.1:9092/topic", "kafka")]
    public void A_bad_uri_is_refused_naming_what_is_wrong(string text, string named)
    {
        var error = Assert.Throws<ChangefeedException>(() => MySqlSinkOptions.FromUri(SinkUri.Parse(text)));

        Assert.Equal("CDC:ErrMySQLInvalidConfig", error.Code);
        Assert.False(error.IsRetryable);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_is_never_printed()
    {
        var options = MySqlSinkOptions.FromUri(SinkUri.Parse("mysql://root:s3cret-pw@127.0.0.1:3306/"));

        Assert.DoesNotContain("s3cret-pw", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", options.ToString(), StringComparison.Ordinal);
    }
}
