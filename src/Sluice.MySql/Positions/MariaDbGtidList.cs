using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Sluice.MySql.Positions;

/// <summary>
/// A MariaDB replication position: the last GTID applied in each replication domain, printed as
/// <c>@@gtid_slave_pos</c> and <c>@slave_connect_state</c> are (<c>0-1-100,1-2-5</c>). Immutable;
/// entries are kept one per domain, in domain order.
/// </summary>
/// <remarks>
/// MariaDB's GTID_LIST event (the binlog state) may list several GTIDs for one domain, one per server
/// that wrote in it, with the domain's most recent GTID listed last; the constructor keeps that last one,
/// which is the position a replica resumes from. https://mariadb.com/kb/en/gtid/ and
/// https://mariadb.com/kb/en/gtid_list_event/
/// </remarks>
public sealed class MariaDbGtidList : IEquatable<MariaDbGtidList>
{
    private readonly MariaDbGtid[] _gtids;

    /// <summary>Builds a list from GTIDs in any order; for a domain listed more than once the last one wins.</summary>
    public MariaDbGtidList(IEnumerable<MariaDbGtid> gtids)
    {
        ArgumentNullException.ThrowIfNull(gtids);
        var byDomain = new SortedDictionary<uint, MariaDbGtid>();
        foreach (var gtid in gtids)
            byDomain[gtid.DomainId] = gtid;

        _gtids = new MariaDbGtid[byDomain.Count];
        byDomain.Values.CopyTo(_gtids, 0);
        Gtids = new ReadOnlyCollection<MariaDbGtid>(_gtids);
    }

    private MariaDbGtidList(MariaDbGtid[] sortedByDomain)
    {
        _gtids = sortedByDomain;
        Gtids = new ReadOnlyCollection<MariaDbGtid>(_gtids);
    }

    public static MariaDbGtidList Empty { get; } = new(Array.Empty<MariaDbGtid>());

    /// <summary>One GTID per domain, ordered by domain id.</summary>
    public IReadOnlyList<MariaDbGtid> Gtids { get; }

    public bool IsEmpty => _gtids.Length == 0;

    /// <summary>Parses a comma-separated list; the empty string is the empty list, and blanks around
    /// entries are ignored.</summary>
    /// <exception cref="FormatException">An entry is not a GTID, or two entries share a domain
    /// (MariaDB refuses such a position with ER_DUPLICATE_GTID_DOMAIN).</exception>
    public static MariaDbGtidList Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.AsSpan(), out var list, out var error) ? list : throw new FormatException(error);
    }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out MariaDbGtidList? list)
    {
        if (text is null)
        {
            list = null;
            return false;
        }

        return TryParse(text.AsSpan(), out list, out _);
    }

    /// <summary>The list with <paramref name="gtid"/> as its domain's entry: the position after that
    /// transaction commits.</summary>
    public MariaDbGtidList WithGtid(MariaDbGtid gtid)
    {
        var index = IndexOfDomain(gtid.DomainId);
        if (index >= 0)
        {
            if (_gtids[index] == gtid)
                return this;
            var replaced = (MariaDbGtid[])_gtids.Clone();
            replaced[index] = gtid;
            return new MariaDbGtidList(replaced);
        }

        var insertAt = ~index;
        var grown = new MariaDbGtid[_gtids.Length + 1];
        _gtids.AsSpan(0, insertAt).CopyTo(grown);
        grown[insertAt] = gtid;
        _gtids.AsSpan(insertAt).CopyTo(grown.AsSpan(insertAt + 1));
        return new MariaDbGtidList(grown);
    }

    /// <summary>True when this position is at or past <paramref name="gtid"/>: its domain is listed with a
    /// sequence number at least as high. Server ids are not compared, as MariaDB orders a domain by
    /// sequence number alone.</summary>
    public bool Contains(MariaDbGtid gtid) =>
        TryGetGtid(gtid.DomainId, out var current) && gtid.Sequence <= current.Sequence;

    public bool TryGetGtid(uint domainId, out MariaDbGtid gtid)
    {
        var index = IndexOfDomain(domainId);
        gtid = index >= 0 ? _gtids[index] : default;
        return index >= 0;
    }

    /// <summary>Entries in domain order joined by ','; parses back to an equal list.</summary>
    public override string ToString()
    {
        if (_gtids.Length == 0)
            return string.Empty;
        var text = new StringBuilder(_gtids.Length * 16);
        for (var i = 0; i < _gtids.Length; i++)
        {
            if (i > 0)
                text.Append(',');
            var gtid = _gtids[i];
            text.Append(gtid.DomainId).Append('-').Append(gtid.ServerId).Append('-').Append(gtid.Sequence);
        }

        return text.ToString();
    }

    public bool Equals([NotNullWhen(true)] MariaDbGtidList? other) =>
        other is not null && (ReferenceEquals(this, other) || _gtids.AsSpan().SequenceEqual(other._gtids));

    public override bool Equals(object? obj) => Equals(obj as MariaDbGtidList);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var gtid in _gtids)
            hash.Add(gtid);
        return hash.ToHashCode();
    }

    public static bool operator ==(MariaDbGtidList? left, MariaDbGtidList? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(MariaDbGtidList? left, MariaDbGtidList? right) => !(left == right);

    private static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out MariaDbGtidList? list, out string? error)
    {
        list = null;
        error = null;
        if (text.IsWhiteSpace())
        {
            list = Empty;
            return true;
        }

        var gtids = new List<MariaDbGtid>();
        foreach (var range in text.Split(','))
        {
            var entry = text[range].Trim();
            if (!MariaDbGtid.TryParse(entry, out var gtid))
            {
                error = $"expected a MariaDB GTID such as '0-3307-10' at offset {range.Start.Value}, found '{entry}'";
                return false;
            }

            foreach (var seen in gtids)
            {
                if (seen.DomainId == gtid.DomainId)
                {
                    error = $"expected one GTID per domain, found {seen} and {gtid} in domain {gtid.DomainId}";
                    return false;
                }
            }

            gtids.Add(gtid);
        }

        list = new MariaDbGtidList(gtids);
        return true;
    }

    private int IndexOfDomain(uint domainId)
    {
        int low = 0, high = _gtids.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var midDomain = _gtids[mid].DomainId;
            if (midDomain == domainId)
                return mid;
            if (midDomain < domainId)
                low = mid + 1;
            else
                high = mid - 1;
        }

        return ~low;
    }
}
