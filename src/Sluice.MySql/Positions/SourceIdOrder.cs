namespace Sluice.MySql.Positions;

/// <summary>
/// Orders server UUIDs by their big-endian bytes, which is the order of their printed form and the order
/// in which MySQL prints a GTID set's sources.
/// </summary>
internal static class SourceIdOrder
{
    public static IComparer<Guid> Comparer { get; } = Comparer<Guid>.Create(Compare);

    public static int Compare(Guid left, Guid right)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        left.TryWriteBytes(x, bigEndian: true, out _);
        right.TryWriteBytes(y, bigEndian: true, out _);
        return x.SequenceCompareTo(y);
    }
}
