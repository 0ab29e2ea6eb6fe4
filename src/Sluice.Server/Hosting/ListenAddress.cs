using System.Globalization;
using System.Net;

namespace Sluice.Server.Hosting;

/// <summary>Parses "host:port" (host an IP address, "[::1]" or "localhost") as given on the command line.</summary>
internal static class ListenAddress
{
    public static IPEndPoint Parse(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
            throw new ArgumentException($"'{address}' is not host:port", nameof(address));
        var host = address[..colon].Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            return new IPEndPoint(IPAddress.Loopback, port);
        if (!IPAddress.TryParse(host, out var ip))
            throw new ArgumentException($"'{address}': the host must be an IP address or localhost, found '{host}'", nameof(address));
        return new IPEndPoint(ip, port);
    }
}
