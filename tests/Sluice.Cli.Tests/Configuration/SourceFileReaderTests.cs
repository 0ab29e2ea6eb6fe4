using Sluice.Cli.Configuration;
using Sluice.Migration;

namespace Sluice.Cli.Tests.Configuration;

public sealed class SourceFileReaderTests
{
    [Fact]
    public void A_minimal_source_file_takes_the_defaults()
    {
        var source = SourceFileReader.Read("source-id: s\nfrom:\n  host: db\n  user: u\n");

        Assert.Equal("s", source.SourceId);
        Assert.Equal(new DatabaseEndpoint { Host = "db", Port = 3306, User = "u", Password = "" }, source.Connection);
        Assert.False(source.EnableGtid);
        Assert.False(source.EnableRelay);
        Assert.False(source.CaseSensitive);
        Assert.Null(source.Flavor);
        Assert.Null(source.ServerId);
        Assert.Empty(source.Filters);
    }

    [Fact]
    public void Every_DM_source_key_not_acted_on_yet_is_accepted()
    {
        var yaml = "source-id: s\nfrom:\n  host: db\n  user: u\n" + string.Concat(DmKeysNotActedOn.Source.Select(key => $"{key}: x\n"));

        Assert.Equal("s", SourceFileReader.Read(yaml).SourceId);
    }

    [Theory]
    [InlineData("from:\n  host: db\n  user: u\n", "source-id", "missing")]
    [InlineData("source-id: s\n", "from", "missing")]
    [InlineData("source-id: s\nfrom:\n  user: u\n", "from.host", "missing")]
    [InlineData("source-id: s\nfrom:\n  host: db\n  user: u\n  port: 99999\n", "from.port", "99999 is not a TCP port")]
    [InlineData("source-id: s\nflavor: oracle\nfrom:\n  host: db\n  user: u\n", "flavor", "'oracle' is not a flavor")]
    [InlineData("source-id: s\nserver-id: -1\nfrom:\n  host: db\n  user: u\n", "server-id", "is not a server id")]
    [InlineData("source-id: s\nenable_gtid: true\nfrom:\n  host: db\n  user: u\n", "enable_gtid", "did you mean 'enable-gtid'?")]
    [InlineData("source-id: s\nfilters:\n  - table-pattern: t\n    action: Ignore\nfrom:\n  host: db\n  user: u\n", "filters[0].schema-pattern", "missing")]
    public void A_bad_source_file_is_refused(string yaml, string path, string fragment)
    {
        var error = Assert.Throws<TaskConfigException>(() => SourceFileReader.Read(yaml, "source.yaml"));

        Assert.Equal(path, error.KeyPath);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("source.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_source_files_with_one_source_id_are_refused()
    {
        var error = Assert.Throws<TaskConfigException>(() => SourceFileReader.ReadAll([
            ("a.yaml", "source-id: s\nfrom: {host: a, user: u}\n"),
            ("b.yaml", "source-id: s\nfrom: {host: b, user: u}\n"),
        ]));

        Assert.Contains("b.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("also the source-id of a.yaml", error.Message, StringComparison.Ordinal);
    }
}
