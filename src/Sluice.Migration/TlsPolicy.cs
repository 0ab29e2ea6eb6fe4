using System.Net;
using MySqlConnector;

namespace Sluice.Migration;

/// <summary>
/// How a task's connections use TLS. A CA file (security.ssl-ca) means TLS verified against it; a client
/// certificate alone means TLS required; otherwise TLS when the server offers it, except on the loopback interface,
/// where the traffic never leaves the machine and encryption only costs both ends CPU.
/// </summary>
internal static class TlsPolicy
{
    public static void Apply(DatabaseEndpoint endpoint, MySqlConnectionStringBuilder builder)
    {
        if (endpoint.SslCa is not null)
        {
            builder.SslMode = MySqlSslMode.VerifyCA;
            builder.SslCa = endpoint.SslCa;
        }
        else if (endpoint.SslCert is not null)
        {
            builder.SslMode = MySqlSslMode.Required;
        }
        else
        {
            builder.SslMode = IsLoopback(endpoint.Host) ? MySqlSslMode.None : MySqlSslMode.Preferred;
        }

        if (endpoint.SslCert is not null)
        {
            builder.SslCert = endpoint.SslCert;
            builder.SslKey = endpoint.SslKey ?? string.Empty;
        }
    }

    /// <summary>localhost, 127.0.0.0/8 or ::1.</summary>
    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
