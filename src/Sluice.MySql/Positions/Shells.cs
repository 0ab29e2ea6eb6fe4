// Placeholder shapes; replaced by the positions implementation.
namespace Sluice.MySql.Positions;

public readonly record struct BinlogPosition(string FileName, ulong Position);

public readonly record struct MariaDbGtid(uint DomainId, uint ServerId, ulong Sequence);

public sealed class MariaDbGtidList
{
    public MariaDbGtidList(IEnumerable<MariaDbGtid> gtids) => Gtids = [.. gtids];

    public IReadOnlyList<MariaDbGtid> Gtids { get; }
}

public readonly record struct GtidInterval(long Start, long End);

public sealed class GtidSet
{
    public static GtidSet Empty { get; } = new();

    public GtidSet Add(Guid sourceId, GtidInterval interval) => throw new NotImplementedException();
}
