namespace Sluice.ChangeFeed.Tests.Codecs;

/// <summary>A clock that always says <see cref="CodecEvents.Now"/>.</summary>
internal sealed class FixedClock : TimeProvider
{
    public static FixedClock Instance { get; } = new();

    public override DateTimeOffset GetUtcNow() => CodecEvents.Now;
}
