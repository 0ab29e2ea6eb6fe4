using System.Text.Json.Nodes;
using Sluice.Cli.Configuration;
using Sluice.Cli.Dmctl;

namespace Sluice.Cli.Tests.Dmctl;

public sealed class SourceRequestTests
{
    [Fact]
    public void A_dm_source_file_becomes_the_apis_source()
    {
        var file = SourceFileReader.Read("""
            source-id: "mysql-replica-01"
            enable-gtid: true
            from:
              host: "127.0.0.1"
              user: "root"
              password: "s3cret"
              port: 3307
            """);

        var body = SourceRequest.From(file, _ => throw new InvalidOperationException("no file to read"));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"source_name": "mysql-replica-01", "host": "127.0.0.1", "port": 3307, "user": "root", "password": "s3cret",
             "enable": true, "enable_gtid": true}
            """), body), body.ToJsonString());
        Assert.Empty(SourceRequest.NotCarried(file));
    }

    [Fact]
    public void Tls_files_are_sent_as_their_contents_and_relay_as_asked()
    {
        var file = SourceFileReader.Read("""
            source-id: s1
            enable-relay: true
            relay-binlog-name: mysql-bin.000002
            server-id: 101
            from:
              host: db
              user: u
              security:
                ssl-ca: /certs/ca.pem
            """);

        var body = SourceRequest.From(file, path => "PEM of " + path);

        Assert.Equal(3306, body["port"]!.GetValue<int>());
        Assert.Equal("", body["password"]!.GetValue<string>());
        Assert.Equal("PEM of /certs/ca.pem", body["security"]!["ssl_ca_content"]!.GetValue<string>());
        Assert.Equal("", body["security"]!["ssl_cert_content"]!.GetValue<string>());
        Assert.True(body["relay_config"]!["enable_relay"]!.GetValue<bool>());
        Assert.Equal("mysql-bin.000002", body["relay_config"]!["relay_binlog_name"]!.GetValue<string>());
        Assert.Contains(SourceRequest.NotCarried(file), note => note.StartsWith("server-id", StringComparison.Ordinal));
    }
}
