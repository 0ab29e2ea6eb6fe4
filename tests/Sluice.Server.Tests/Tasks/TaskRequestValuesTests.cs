using Sluice.Replication.Configuration;
using Sluice.Server.Tasks;

namespace Sluice.Server.Tests.Tasks;

/// <summary>start-task's and stop-task's values: Go durations and DM's start_time.</summary>
public sealed class TaskRequestValuesTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("300ms", 300)]
    [InlineData("0", 0)]
    public void Go_durations_parse(string text, long milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("ten seconds")]
    [InlineData("10d")]
    public void Other_durations_do_not(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Fact]
    public void Start_time_without_a_zone_is_the_servers_local_time()
    {
        Assert.True(StartTime.TryParse("2006-01-02 15:04:05", out var time));
        Assert.Equal(new DateTime(2006, 1, 2, 15, 4, 5, DateTimeKind.Unspecified), time.DateTime);
        Assert.Equal(TimeZoneInfo.Local.GetUtcOffset(new DateTime(2006, 1, 2, 15, 4, 5, DateTimeKind.Local)), time.Offset);
    }

    [Theory]
    [InlineData("2006-01-02T15:04:05+08:00")]
    [InlineData("2006-01-02T15:04:05+0800")]
    public void Start_time_with_an_offset_keeps_it(string text)
    {
        Assert.True(StartTime.TryParse(text, out var time));
        Assert.Equal(new DateTimeOffset(2006, 1, 2, 15, 4, 5, TimeSpan.FromHours(8)), time);
    }

    [Fact]
    public void Start_time_that_is_no_time_is_refused() => Assert.False(StartTime.TryParse("yesterday", out _));
}
