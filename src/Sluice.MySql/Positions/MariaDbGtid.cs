using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Sluice.MySql.Positions;

/// <summary>
/// One MariaDB global transaction ID, printed <c>domain-server-sequence</c> (for example <c>0-3307-10</c>).
/// </summary>
/// <remarks>https://mariadb.com/kb/en/gtid/#the-form-of-the-global-transaction-id</remarks>
public readonly record struct MariaDbGtid(uint DomainId, uint ServerId, ulong Sequence)
{
    /// <exception cref="FormatException">The text is not three unsigned numbers joined by '-'.</exception>
    public static MariaDbGtid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan());
    }

    /// <exception cref="FormatException">The text is not three unsigned numbers joined by '-'.</exception>
    public static MariaDbGtid Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var gtid)
            ? gtid
            : throw new FormatException($"expected a MariaDB GTID such as '0-3307-10' (domain-server-sequence), found '{text}'");

    public static bool TryParse([NotNullWhen(true)] string? text, out MariaDbGtid gtid)
    {
        if (text is null)
        {
            gtid = default;
            return false;
        }

        return TryParse(text.AsSpan(), out gtid);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out MariaDbGtid gtid)
    {
        gtid = default;
        var first = text.IndexOf('-');
        if (first < 0)
            return false;
        var rest = text[(first + 1)..];
        var second = rest.IndexOf('-');
        if (second < 0)
            return false;

        // NumberStyles.None: digits only, so "+1", " 1" and "-1" are all rejected.
        if (!uint.TryParse(text[..first], NumberStyles.None, CultureInfo.InvariantCulture, out var domain)
            || !uint.TryParse(rest[..second], NumberStyles.None, CultureInfo.InvariantCulture, out var server)
            || !ulong.TryParse(rest[(second + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }

        gtid = new MariaDbGtid(domain, server, sequence);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{DomainId}-{ServerId}-{Sequence}");
}
