using Sluice.Replication.Configuration;
using System.Globalization;
using System.Text;
using MySqlConnector;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>
/// The settings of a MySQL (or TiDB) sink, as TiCDC's <c>mysql://</c> and <c>tidb://</c> sink URIs give them:
/// <c>mysql://user:password@host:port/?worker-count=16&amp;max-txn-row=256&amp;safe-mode=false&amp;…</c>.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-mysql#configure-sink-uri-for-mysql-or-tidb</remarks>
public sealed record MySqlSinkOptions
{
    public const string InvalidConfigCode = "CDC:ErrMySQLInvalidConfig";

    /// <summary>The parameters a MySQL sink URI may carry; anything else is refused.</summary>
    private static readonly HashSet<string> KnownParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "worker-count", "max-txn-row", "safe-mode", "ssl-ca", "ssl-cert", "ssl-key", "time-zone",
        "batch-dml-enable", "multi-stmt-enable", "read-timeout", "write-timeout", "timeout",

        // Documented for TiCDC's MySQL sink but about TiDB's transactions or Go's prepared statement cache: accepted
        // (and checked) so existing sink URIs keep working, with no effect here.
        "tidb-txn-mode", "cache-prep-stmts", "max-multi-update-row", "max-multi-update-row-size",
    };

    public required string Host { get; init; }

    public int Port { get; init; } = 3306;

    public string User { get; init; } = "root";

    /// <summary>Never printed: <see cref="ToString"/> leaves it out.</summary>
    public string Password { get; init; } = string.Empty;

    /// <summary>The URI said <c>tidb://</c>: the target is TiDB (nothing differs here yet).</summary>
    public bool IsTiDb { get; init; }

    /// <summary>The URI said <c>mysql+ssl://</c> or <c>tidb+ssl://</c>: TLS even without <see cref="SslCa"/> (then unverified).</summary>
    public bool RequireTls { get; init; }

    /// <summary>Connections applying transactions in parallel (<c>worker-count</c>, 16 by default, 1..1024).</summary>
    public int WorkerCount { get; init; } = 16;

    /// <summary>Most rows per multi-row statement (<c>max-txn-row</c>, 256 by default).</summary>
    public int MaxTxnRow { get; init; } = 256;

    /// <summary>Always write idempotently: INSERT as REPLACE, UPDATE as DELETE + REPLACE (<c>safe-mode</c>).</summary>
    public bool SafeMode { get; init; }

    /// <summary>PEM file of the CA that signed the target's certificate (<c>ssl-ca</c>): TLS, the certificate verified.</summary>
    public string? SslCa { get; init; }

    /// <summary>Client certificate and key (<c>ssl-cert</c>, <c>ssl-key</c>), given together.</summary>
    public string? SslCert { get; init; }

    public string? SslKey { get; init; }

    /// <summary>
    /// The time zone DDL runs in (<c>time-zone</c>): TiCDC's process zone when the URI does not say, null for the target's
    /// own default (<c>time-zone=</c>). Rows always go in UTC (see <see cref="Sluice.Replication.Apply.WriterSession"/>):
    /// TIMESTAMP values are written as UTC text, so the zone cannot change them.
    /// </summary>
    public TimeZoneInfo? TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>Write runs of inserts and deletes of a table as multi-row statements (<c>batch-dml-enable</c>, on by default).</summary>
    public bool BatchDmlEnable { get; init; } = true;

    /// <summary>Send a transaction's statements together, several per round trip (<c>multi-stmt-enable</c>, on by default).</summary>
    public bool MultiStmtEnable { get; init; } = true;

    /// <summary><c>read-timeout</c> (2m): with <see cref="WriteTimeout"/>, bounds how long one statement may run.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary><c>write-timeout</c> (2m).</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary><c>timeout</c> (2m): how long opening a connection may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Reads a <c>mysql://</c> or <c>tidb://</c> sink URI.</summary>
    /// <exception cref="ChangefeedException"><c>CDC:ErrMySQLInvalidConfig</c>: another scheme, a bad host, an unknown parameter or a bad value.</exception>
    public static MySqlSinkOptions FromUri(SinkUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Scheme is not ("mysql" or "tidb" or "mysql+ssl" or "tidb+ssl"))
            throw Invalid($"sink-uri scheme {uri.Scheme} is not a MySQL sink (mysql://, tidb://, mysql+ssl://, tidb+ssl://)");
        var unknown = uri.Parameters.Keys.Where(k => !KnownParameters.Contains(k)).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw Invalid($"sink-uri parameter{(unknown.Length > 1 ? "s" : string.Empty)} {string.Join(", ", unknown)} "
                + $"{(unknown.Length > 1 ? "are" : "is")} not known to the MySQL sink; known: {string.Join(", ", KnownParameters.Order(StringComparer.Ordinal))}");
        }

        var (host, port) = ParseHost(uri.Hosts);
        try
        {
            var options = new MySqlSinkOptions
            {
                Host = host,
                Port = port,
                User = string.IsNullOrEmpty(uri.User) ? "root" : uri.User,
                Password = uri.Password ?? string.Empty,
                IsTiDb = uri.Scheme.StartsWith("tidb", StringComparison.Ordinal),
                RequireTls = uri.Scheme.EndsWith("+ssl", StringComparison.Ordinal),
                WorkerCount = uri.GetInt("worker-count", 16, 1, 1024),
                MaxTxnRow = uri.GetInt("max-txn-row", 256, 1),
                SafeMode = uri.GetBool("safe-mode", false),
                SslCa = NonEmpty(uri.Get("ssl-ca")),
                SslCert = NonEmpty(uri.Get("ssl-cert")),
                SslKey = NonEmpty(uri.Get("ssl-key")),
                TimeZone = uri.Get("time-zone") is { } zone ? ParseTimeZone(zone) : TimeZoneInfo.Local,
                BatchDmlEnable = uri.GetBool("batch-dml-enable", true),
                MultiStmtEnable = uri.GetBool("multi-stmt-enable", true),
                ReadTimeout = Duration(uri, "read-timeout"),
                WriteTimeout = Duration(uri, "write-timeout"),
                Timeout = Duration(uri, "timeout"),
            };
            CheckIgnored(uri);
            options.Validate();
            return options;
        }
        catch (FormatException ex)
        {
            throw Invalid(ex.Message, ex);
        }
    }

    /// <summary>Checks settings that belong together.</summary>
    /// <exception cref="ChangefeedException"><c>CDC:ErrMySQLInvalidConfig</c>.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
            throw Invalid("sink-uri has no host");
        if (Port is < 1 or > 65535)
            throw Invalid($"sink-uri port {Port} is not between 1 and 65535");
        if (WorkerCount is < 1 or > 1024)
            throw Invalid($"worker-count {WorkerCount} is not between 1 and 1024");
        if (MaxTxnRow < 1)
            throw Invalid($"max-txn-row {MaxTxnRow} is not positive");
        if ((SslCert is null) != (SslKey is null))
            throw Invalid("ssl-cert and ssl-key go together: give both or neither");
        if ((SslCert is not null || SslKey is not null) && SslCa is null)
            throw Invalid("ssl-cert and ssl-key need ssl-ca, the CA that signed the target's certificate");
        if (ReadTimeout <= TimeSpan.Zero || WriteTimeout <= TimeSpan.Zero || Timeout <= TimeSpan.Zero)
            throw Invalid("read-timeout, write-timeout and timeout must be positive durations such as 30s or 2m");
    }

    /// <summary>The connection string of the target; it holds the password, so it is never logged.</summary>
    internal string ConnectionString()
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = Host,
            Port = (uint)Port,
            UserID = User,
            Password = Password,
            // Connections are long-lived and dropped after a failure: a pool would only hand a broken one back.
            Pooling = false,
            ConnectionTimeout = Seconds(Timeout),
            DefaultCommandTimeout = Seconds(ReadTimeout > WriteTimeout ? ReadTimeout : WriteTimeout),
            SslMode = SslCa is not null ? MySqlSslMode.VerifyFull : RequireTls ? MySqlSslMode.Required : MySqlSslMode.Preferred,
        };
        if (SslCa is not null)
            builder.SslCa = SslCa;
        if (SslCert is not null)
            builder.SslCert = SslCert;
        if (SslKey is not null)
            builder.SslKey = SslKey;
        return builder.ConnectionString;
    }

    /// <summary>Everything but the password.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Host = {Host}, Port = {Port}, User = {User}, IsTiDb = {IsTiDb}, RequireTls = {RequireTls}, ")
            .Append(CultureInfo.InvariantCulture, $"WorkerCount = {WorkerCount}, MaxTxnRow = {MaxTxnRow}, SafeMode = {SafeMode}, ")
            .Append(CultureInfo.InvariantCulture, $"SslCa = {SslCa}, SslCert = {SslCert}, SslKey = {SslKey}, TimeZone = {TimeZone?.Id}, ")
            .Append(CultureInfo.InvariantCulture, $"BatchDmlEnable = {BatchDmlEnable}, MultiStmtEnable = {MultiStmtEnable}, ")
            .Append(CultureInfo.InvariantCulture, $"ReadTimeout = {ReadTimeout}, WriteTimeout = {WriteTimeout}, Timeout = {Timeout}");
        return true;
    }

    private static (string Host, int Port) ParseHost(string hosts)
    {
        if (string.IsNullOrWhiteSpace(hosts))
            throw Invalid("sink-uri has no host (mysql://user:password@host:port/)");
        if (hosts.Contains(',', StringComparison.Ordinal))
            throw Invalid($"sink-uri names several hosts ({hosts}); the MySQL sink writes to one");
        string host;
        string? port;
        if (hosts.StartsWith('['))
        {
            // [IPv6]:port
            var close = hosts.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
                throw Invalid($"sink-uri host {hosts} has no closing ]");
            host = hosts[1..close];
            var rest = hosts[(close + 1)..];
            port = rest.StartsWith(':') ? rest[1..] : rest.Length == 0 ? null : throw Invalid($"sink-uri host {hosts} is not [address]:port");
        }
        else
        {
            var colon = hosts.LastIndexOf(':');
            host = colon >= 0 ? hosts[..colon] : hosts;
            port = colon >= 0 ? hosts[(colon + 1)..] : null;
        }

        if (host.Length == 0)
            throw Invalid($"sink-uri host {hosts} has no host name");
        if (port is null)
            return (host, 3306);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            throw Invalid($"sink-uri port {port} is not a port number");
        return (host, number);
    }

    /// <summary>
    /// A zone as Go's <c>time.LoadLocation</c> names it (<c>UTC</c>, <c>Local</c>, <c>Asia/Shanghai</c>) or an offset
    /// (<c>+08:00</c>); empty (or <c>""</c>, as TiCDC's documentation writes it) for the target's default.
    /// </summary>
    private static TimeZoneInfo? ParseTimeZone(string text)
    {
        // An unescaped '+' in a URI's query reads as a space: " 08:00" is "+08:00".
        if (text.Length > 1 && text[0] == ' ' && char.IsAsciiDigit(text[1]))
            text = "+" + text[1..];
        text = text.Trim();
        if (text.Length == 0 || text == "\"\"")
            return null;
        if (string.Equals(text, "UTC", StringComparison.OrdinalIgnoreCase))
            return TimeZoneInfo.Utc;
        if (string.Equals(text, "Local", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "SYSTEM", StringComparison.OrdinalIgnoreCase))
            return TimeZoneInfo.Local;
        if (text[0] is '+' or '-')
        {
            if (TimeSpan.TryParseExact(text[1..], ["h\\:mm", "hh\\:mm"], CultureInfo.InvariantCulture, out var offset) && offset <= TimeSpan.FromHours(14))
                return TimeZoneInfo.CreateCustomTimeZone(text, text[0] == '-' ? -offset : offset, text, text);
            throw new FormatException($"time-zone {text} is not an offset such as +08:00");
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(text);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FormatException($"time-zone {text} is not a known time zone (such as UTC, Asia/Shanghai or +08:00)", ex);
        }
    }

    private static void CheckIgnored(SinkUri uri)
    {
        if (uri.Get("tidb-txn-mode") is { } mode && !mode.Equals("optimistic", StringComparison.OrdinalIgnoreCase) && !mode.Equals("pessimistic", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"tidb-txn-mode {mode} is not optimistic or pessimistic");
        uri.GetBool("cache-prep-stmts", true);
        uri.GetInt("max-multi-update-row", 40, 1);
        uri.GetInt("max-multi-update-row-size", 1024, 1);
    }

    private static TimeSpan Duration(SinkUri uri, string name)
    {
        if (uri.Get(name) is not { } text)
            return TimeSpan.FromMinutes(2);
        return GoDuration.TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"sink-uri parameter {name}={text} is not a duration such as 30s, 2m or 1m30s");
    }

    private static uint Seconds(TimeSpan span) => (uint)Math.Clamp(Math.Ceiling(span.TotalSeconds), 1, int.MaxValue);

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static ChangefeedException Invalid(string message, Exception? inner = null) => new(InvalidConfigCode, message, false, inner);
}
