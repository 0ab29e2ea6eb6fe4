using Sluice.ChangeFeed.Sinks.Kafka;

namespace Sluice.ChangeFeed.Tests.Sinks.Kafka;

public sealed class DeliveryTrackerTests
{
    [Fact]
    public async Task Waiting_for_room_ends_once_enough_is_acknowledged_and_waiting_for_all_once_nothing_is_in_flight()
    {
        var tracker = new DeliveryTracker();
        tracker.Produced(100);
        tracker.Produced(100);

        var room = tracker.WaitAsync(150, TestContext.Current.CancellationToken);
        var all = tracker.WaitAsync(0, TestContext.Current.CancellationToken);
        Assert.False(room.IsCompleted);
        Assert.False(all.IsCompleted);

        tracker.Delivered(100, null);
        await room;
        Assert.False(all.IsCompleted);
        Assert.Equal(1, tracker.InFlightMessages);

        tracker.Delivered(100, new ChangefeedException("CDC:ErrKafkaSendMessage", "lost", isRetryable: true));
        await all;
        Assert.Equal("CDC:ErrKafkaSendMessage", tracker.Failure?.Code);
        Assert.True(tracker.WaitAsync(0, TestContext.Current.CancellationToken).IsCompleted);
    }
}
