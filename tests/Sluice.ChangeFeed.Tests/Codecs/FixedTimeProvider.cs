namespace Sluice.ChangeFeed.Tests.Codecs;

/// <summary>A clock stopped at one instant, for the encode-time fields.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
