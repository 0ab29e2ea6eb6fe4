using System.Globalization;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.MySql.Tests.Replication;

/// <summary>
/// One text form for a value decoded from the binlog and for the same value read back with SELECT, so the two
/// can be compared exactly: numbers invariant (floating point round-trippable), bytes in hex, temporal values
/// and DECIMAL as MySQL prints them.
/// </summary>
internal static class ValueCanonicalForm
{
    public static string? Of(object? value) => value switch
    {
        null or DBNull => null,
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        MySqlDecimal dec => dec.ToString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
