using System.Runtime.CompilerServices;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs.OpenProtocol;

/// <summary>What every open-protocol message of one table version repeats, worked out once: each column's quoted name, type code and flags.</summary>
internal sealed class OpenProtocolTable
{
    private static readonly ConditionalWeakTable<ChangeTable, OpenProtocolTable> Cache = [];

    private OpenProtocolTable(ChangeTable table)
    {
        Names = [.. table.Columns.Select(c => GoJsonWriter.EncodeName(c.Name))];
        TypeCodes = [.. table.Columns.Select(TiDbTypeCode.Of)];
        Flags = [.. table.Columns.Select(c => (long)OpenProtocolFlags.Of(c))];
    }

    /// <summary>Each column's <c>"name":</c>.</summary>
    public byte[][] Names { get; }

    /// <summary>Each column's <c>t</c>.</summary>
    public byte[] TypeCodes { get; }

    /// <summary>Each column's <c>f</c>.</summary>
    public long[] Flags { get; }

    public static OpenProtocolTable Of(ChangeTable table) => Cache.GetValue(table, static t => new OpenProtocolTable(t));
}
