using Sluice.Replication.Configuration;

namespace Sluice.Replication.Tests.Configuration;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("60s", 60_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("0", 0)]
    [InlineData("2h45m", 9_900_000)]
    [InlineData("-5s", -5_000)]
    [InlineData("+1m", 60_000)]
    public void Go_durations_parse(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GoDuration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("60")]
    [InlineData("s")]
    [InlineData("1d")]
    [InlineData("1..5s")]
    public void Anything_else_is_refused(string text) => Assert.Null(GoDuration.Parse(text));
}
