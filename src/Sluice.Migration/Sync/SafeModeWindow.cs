using Sluice.MySql.Positions;

namespace Sluice.Migration.Sync;

/// <summary>
/// When the sync unit applies changes idempotently (INSERT as REPLACE, UPDATE as DELETE + REPLACE): always when
/// the task says so; after a restart, for every event up to the point the previous run may have applied (its
/// safe-mode exit point); and for a while after a start whose previous reach is unknown.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-safe-mode</remarks>
internal sealed class SafeModeWindow(bool always, BinlogPosition? exitPoint, DateTimeOffset? until, TimeProvider time)
{
    public bool IsOn(BinlogPosition eventPosition) =>
        always
        || (exitPoint is { } exit && eventPosition.CompareTo(exit) <= 0)
        || (until is { } end && time.GetUtcNow() < end);

    public override string ToString() =>
        always ? "always" : $"until {exitPoint?.ToString() ?? "-"} / {until?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
}
