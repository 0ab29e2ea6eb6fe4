using Sluice.ChangeFeed.Sinks;
using Sluice.ChangeFeed.Sinks.Storage;

namespace Sluice.ChangeFeed.Tests.Sinks.Storage;

public sealed class StorageSinkOptionsTests
{
    [Fact]
    public void A_plain_file_uri_takes_ticdcs_defaults()
    {
        var options = StorageSinkOptions.FromUri(SinkUri.Parse("file:///data/cdc?protocol=canal-json"), new StorageOptions());

        Assert.Equal("/data/cdc", options.RootPath);
        Assert.Equal("canal-json", options.Protocol);
        Assert.Equal(".json", options.FileExtension);
        Assert.Equal(16, options.WorkerCount);
        Assert.Equal(TimeSpan.FromSeconds(5), options.FlushInterval);
        Assert.Equal(64L * 1024 * 1024, options.FileSize);
        Assert.Equal(StorageDateSeparator.Day, options.DateSeparator);
        Assert.True(options.EnablePartitionSeparator);
        Assert.Equal(20, options.FileIndexWidth);
        Assert.Equal("\r\n", options.Terminator);
    }

    [Fact]
    public void Uri_parameters_override_the_changefeed_settings()
    {
        var storage = new StorageOptions { DateSeparator = "none", Terminator = "\n", FileSize = 2L * 1024 * 1024 };
        var options = StorageSinkOptions.FromUri(
            SinkUri.Parse("local:///tmp/out?protocol=csv&worker-count=4&flush-interval=1m30s&file-size=4194304&date-separator=month&enable-partition-separator=false&file-index-width=6"),
            storage);

        Assert.Equal("csv", options.Protocol);
        Assert.Equal(".csv", options.FileExtension);
        Assert.Equal(4, options.WorkerCount);
        Assert.Equal(TimeSpan.FromSeconds(90), options.FlushInterval);
        Assert.Equal(4194304, options.FileSize);
        Assert.Equal(StorageDateSeparator.Month, options.DateSeparator);
        Assert.False(options.EnablePartitionSeparator);
        Assert.Equal(6, options.FileIndexWidth);
        Assert.Equal("\n", options.Terminator);
    }

    [Fact]
    public void The_changefeed_settings_apply_when_the_uri_is_silent()
    {
        var storage = new StorageOptions { DateSeparator = "year", EnablePartitionSeparator = false, FileSize = 2L * 1024 * 1024, FlushInterval = TimeSpan.FromSeconds(30) };

        var options = StorageSinkOptions.FromUri(SinkUri.Parse("file:///tmp/out"), storage, protocol: "csv");

        Assert.Equal("csv", options.Protocol);
        Assert.Equal(StorageDateSeparator.Year, options.DateSeparator);
        Assert.False(options.EnablePartitionSeparator);
        Assert.Equal(2L * 1024 * 1024, options.FileSize);
        Assert.Equal(TimeSpan.FromSeconds(30), options.FlushInterval);
    }

    [Theory]
    [InlineData("worker-count=1000", 512, 5, 64L * 1024 * 1024, 20)]
    [InlineData("flush-interval=500ms", 16, 2, 64L * 1024 * 1024, 20)]
    [InlineData("flush-interval=1h", 16, 600, 64L * 1024 * 1024, 20)]
    [InlineData("file-size=10", 16, 5, 1024L * 1024, 20)]
    [InlineData("file-size=1073741824", 16, 5, 512L * 1024 * 1024, 20)]
    [InlineData("file-index-width=3", 16, 5, 64L * 1024 * 1024, 20)]
    [InlineData("file-index-width=21", 16, 5, 64L * 1024 * 1024, 20)]
    public void Values_out_of_range_are_brought_into_it_as_ticdc_does(string parameter, int workers, int flushSeconds, long fileSize, int width)
    {
        var options = StorageSinkOptions.FromUri(SinkUri.Parse("file:///tmp/out?protocol=csv&" + parameter), new StorageOptions());

        Assert.Equal(workers, options.WorkerCount);
        Assert.Equal(TimeSpan.FromSeconds(flushSeconds), options.FlushInterval);
        Assert.Equal(fileSize, options.FileSize);
        Assert.Equal(width, options.FileIndexWidth);
    }

    [Theory]
    [InlineData("s3://bucket/prefix?protocol=csv")]
    [InlineData("file://?protocol=csv")]
    [InlineData("file:///tmp/out?protocol=csv&worker-count=0")]
    [InlineData("file:///tmp/out?protocol=csv&worker-count=many")]
    [InlineData("file:///tmp/out?protocol=csv&flush-interval=soon")]
    [InlineData("file:///tmp/out?protocol=csv&file-size=big")]
    [InlineData("file:///tmp/out?protocol=csv&date-separator=week")]
    [InlineData("file:///tmp/out?protocol=csv&enable-partition-separator=maybe")]
    [InlineData("file:///tmp/out?protocol=csv&file-index-width=wide")]
    public void A_uri_this_sink_cannot_use_is_refused_as_an_invalid_sink_uri(string uri)
    {
        var error = Assert.Throws<ChangefeedException>(() => StorageSinkOptions.FromUri(SinkUri.Parse(uri), new StorageOptions()));

        Assert.Equal("CDC:ErrSinkURIInvalid", error.Code);
        Assert.False(error.IsRetryable);
    }

    [Theory]
    [InlineData("file:///tmp/out")]
    [InlineData("file:///tmp/out?protocol=avro")]
    [InlineData("file:///tmp/out?protocol=open-protocol")]
    public void A_missing_or_unsupported_protocol_is_an_unknown_protocol(string uri)
    {
        var error = Assert.Throws<ChangefeedException>(() => StorageSinkOptions.FromUri(SinkUri.Parse(uri), new StorageOptions()));

        Assert.Equal("CDC:ErrSinkUnknownProtocol", error.Code);
        Assert.False(error.IsRetryable);
    }
}
