using Sluice.Replication.Configuration;
using System.Globalization;
using System.Text;
using Sluice.ChangeFeed.Codecs;

namespace Sluice.ChangeFeed.Sinks.Kafka;

/// <summary>
/// The Kafka sink's settings, as TiCDC reads them from a <c>kafka://brokers/topic?…</c> sink URI. Every documented
/// parameter is accepted; a parameter TiCDC does not document is refused, so that a typo does not pass unnoticed.
/// Parameters that belong to a protocol (max-batch-size, avro-*, content-compatible) are kept for the encoder.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-kafka ("Configure sink URI for Kafka")</remarks>
public sealed record KafkaSinkOptions
{
    /// <summary>TiCDC's partition-num when the URI does not give one.</summary>
    public const int DefaultPartitionNum = 3;

    /// <summary>TiCDC's max-message-bytes default: 10 MB.</summary>
    public const int DefaultMaxMessageBytes = 10 * 1024 * 1024;

    /// <summary>The largest message.max.bytes librdkafka accepts.</summary>
    public const int MaxMaxMessageBytes = 1_000_000_000;

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly HashSet<string> KnownParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "protocol", "kafka-version", "kafka-client-id", "partition-num", "max-message-bytes", "replication-factor",
        "required-acks", "compression", "auto-create-topic", "enable-tidb-extension", "max-batch-size",
        "enable-tls", "ca", "cert", "key", "insecure-skip-verify",
        "sasl-user", "sasl-password", "sasl-mechanism",
        "sasl-gssapi-auth-type", "sasl-gssapi-keytab-path", "sasl-gssapi-kerberos-config-path", "sasl-gssapi-service-name",
        "sasl-gssapi-user", "sasl-gssapi-password", "sasl-gssapi-realm", "sasl-gssapi-disable-pafxfast",
        "dial-timeout", "read-timeout", "write-timeout",
        "avro-decimal-handling-mode", "avro-bigint-unsigned-handling-mode", "content-compatible",
    };

    private static readonly string[] Protocols = ["canal-json", "open-protocol", "default", "canal", "avro", "maxwell", "debezium", "simple"];

    private static readonly string[] Compressions = ["none", "gzip", "snappy", "lz4", "zstd"];

    private static readonly string[] SaslMechanisms = ["plain", "scram-sha-256", "scram-sha-512", "gssapi"];

    /// <summary>Bootstrap brokers, <c>host:port</c> separated by commas.</summary>
    public required string Brokers { get; init; }

    /// <summary>The default topic: rows of tables no dispatcher sends elsewhere, and schema-level DDL.</summary>
    public required string Topic { get; init; }

    /// <summary>partition-num as given; null when the URI leaves it out (see <see cref="PartitionNumOrDefault"/>).</summary>
    public int? PartitionNum { get; init; }

    public int PartitionNumOrDefault => PartitionNum ?? DefaultPartitionNum;

    public short ReplicationFactor { get; init; } = 1;

    public int MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    /// <summary>canal-json, open-protocol, avro, debezium, simple, …; null when the URI leaves it to the changefeed's config.</summary>
    public string? Protocol { get; init; }

    /// <summary>none, gzip, snappy, lz4, zstd.</summary>
    public string Compression { get; init; } = "none";

    /// <summary>kafka-client-id; null for the sink's default.</summary>
    public string? ClientId { get; init; }

    /// <summary>-1 (all in-sync replicas, TiCDC's default), 1 (the leader) or 0 (none).</summary>
    public int RequiredAcks { get; init; } = -1;

    public bool AutoCreateTopic { get; init; } = true;

    public bool EnableTidbExtension { get; init; }

    /// <summary>open-protocol's max-batch-size; null when not given.</summary>
    public int? MaxBatchSize { get; init; }

    public string? AvroDecimalHandlingMode { get; init; }

    public string? AvroBigintUnsignedHandlingMode { get; init; }

    public bool? ContentCompatible { get; init; }

    public bool EnableTls { get; init; }

    public string? CaPath { get; init; }

    public string? CertPath { get; init; }

    public string? KeyPath { get; init; }

    public bool InsecureSkipVerify { get; init; }

    public string? SaslUser { get; init; }

    /// <summary>Never shown by <see cref="ToString"/>.</summary>
    public string? SaslPassword { get; init; }

    /// <summary>plain, scram-sha-256, scram-sha-512 or gssapi (lower case); null without SASL.</summary>
    public string? SaslMechanism { get; init; }

    /// <summary>The sasl-gssapi-* parameters, names without the prefix (auth-type, keytab-path, service-name, …).</summary>
    public IReadOnlyDictionary<string, string> SaslGssapi { get; init; } = new Dictionary<string, string>();

    public TimeSpan DialTimeout { get; init; } = DefaultTimeout;

    public TimeSpan ReadTimeout { get; init; } = DefaultTimeout;

    public TimeSpan WriteTimeout { get; init; } = DefaultTimeout;

    /// <summary>The kafka-version parameter as given; librdkafka negotiates versions itself, so it is only kept.</summary>
    public string? KafkaVersion { get; init; }

    /// <summary>Reads a <c>kafka://</c> sink URI.</summary>
    /// <exception cref="ChangefeedException">CDC:ErrKafkaInvalidConfig (not retryable): what is wrong, and with which parameter.</exception>
    public static KafkaSinkOptions FromUri(SinkUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Scheme is not ("kafka" or "kafka+ssl"))
            throw Invalid($"sink-uri scheme {uri.Scheme} is not kafka");
        foreach (var name in uri.Parameters.Keys)
        {
            if (!KnownParameters.Contains(name))
                throw Invalid($"sink-uri parameter {name} is not a Kafka sink parameter (see https://docs.pingcap.com/tidb/stable/ticdc-sink-to-kafka)");
        }

        if (string.IsNullOrWhiteSpace(uri.Hosts))
            throw Invalid("sink-uri gives no Kafka broker (kafka://host:port/topic)");
        var topic = uri.Path.TrimEnd('/');
        if (topic.Length == 0)
            throw Invalid("sink-uri gives no topic (kafka://host:port/topic)");
        if (!IsValidTopicName(topic))
            throw Invalid($"topic {topic} is not a valid Kafka topic name (letters, digits, '.', '_', '-'; at most 249; not . or ..)");

        var options = new KafkaSinkOptions
        {
            Brokers = uri.Hosts,
            Topic = topic,
            PartitionNum = uri.Get("partition-num") is null ? null : Int(uri, "partition-num", DefaultPartitionNum, 1, int.MaxValue),
            ReplicationFactor = (short)Int(uri, "replication-factor", 1, 1, short.MaxValue),
            MaxMessageBytes = Int(uri, "max-message-bytes", DefaultMaxMessageBytes, 1, MaxMaxMessageBytes),
            Protocol = OneOf(uri, "protocol", Protocols),
            Compression = OneOf(uri, "compression", Compressions) ?? "none",
            ClientId = ClientIdOf(uri),
            RequiredAcks = Int(uri, "required-acks", -1, -1, 1),
            AutoCreateTopic = Bool(uri, "auto-create-topic", true),
            EnableTidbExtension = Bool(uri, "enable-tidb-extension", false),
            MaxBatchSize = uri.Get("max-batch-size") is null ? null : Int(uri, "max-batch-size", 16, 1, int.MaxValue),
            AvroDecimalHandlingMode = OneOf(uri, "avro-decimal-handling-mode", ["precise", "string"]),
            AvroBigintUnsignedHandlingMode = OneOf(uri, "avro-bigint-unsigned-handling-mode", ["long", "string"]),
            ContentCompatible = uri.Get("content-compatible") is null ? null : Bool(uri, "content-compatible", false),
            CaPath = NonEmpty(uri, "ca"),
            CertPath = NonEmpty(uri, "cert"),
            KeyPath = NonEmpty(uri, "key"),
            InsecureSkipVerify = Bool(uri, "insecure-skip-verify", false),
            SaslUser = NonEmpty(uri, "sasl-user"),
            SaslPassword = NonEmpty(uri, "sasl-password"),
            SaslMechanism = OneOf(uri, "sasl-mechanism", SaslMechanisms),
            SaslGssapi = GssapiOf(uri),
            DialTimeout = Duration(uri, "dial-timeout"),
            ReadTimeout = Duration(uri, "read-timeout"),
            WriteTimeout = Duration(uri, "write-timeout"),
            KafkaVersion = NonEmpty(uri, "kafka-version"),
        };

        // As TiCDC does: giving a certificate turns TLS on, and a SASL user without a mechanism means PLAIN.
        options = options with
        {
            EnableTls = uri.Scheme == "kafka+ssl" || Bool(uri, "enable-tls", false) || options.CaPath is not null || options.CertPath is not null || options.KeyPath is not null,
            SaslMechanism = options.SaslMechanism ?? (options.SaslUser is not null ? "plain" : null),
        };
        if ((options.CertPath is null) != (options.KeyPath is null))
            throw Invalid("sink-uri parameters cert and key must be given together");
        if (options.SaslMechanism is "plain" or "scram-sha-256" or "scram-sha-512" && (options.SaslUser is null || options.SaslPassword is null))
            throw Invalid($"sasl-mechanism {options.SaslMechanism} needs sasl-user and sasl-password");
        return options;
    }

    /// <summary>
    /// The changefeed's encoder settings with what this URI says about the protocol: enable-tidb-extension,
    /// max-message-bytes (an encoder refuses a larger row itself) and the avro-* modes when given.
    /// </summary>
    public EncoderOptions ApplyTo(EncoderOptions encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return encoder with
        {
            EnableTidbExtension = encoder.EnableTidbExtension || EnableTidbExtension,
            MaxMessageBytes = MaxMessageBytes,
            AvroDecimalHandlingMode = AvroDecimalHandlingMode ?? encoder.AvroDecimalHandlingMode,
            AvroBigintUnsignedHandlingMode = AvroBigintUnsignedHandlingMode ?? encoder.AvroBigintUnsignedHandlingMode,
        };
    }

    /// <summary>Kafka's rule for topic names: <c>[a-zA-Z0-9._-]</c>, 1 to 249 characters, not <c>.</c> or <c>..</c>.</summary>
    public static bool IsValidTopicName(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Length is 0 or > 249 || topic is "." or "..")
            return false;
        foreach (var c in topic)
        {
            if (!IsTopicChar(c))
                return false;
        }

        return true;
    }

    internal static bool IsTopicChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    /// <summary>The settings without secrets (sasl-password and sasl-gssapi-password are masked).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"KafkaSinkOptions {{ Brokers = {Brokers}, Topic = {Topic}, PartitionNum = {PartitionNum}, ");
        text.Append(CultureInfo.InvariantCulture, $"ReplicationFactor = {ReplicationFactor}, MaxMessageBytes = {MaxMessageBytes}, Protocol = {Protocol}, ");
        text.Append(CultureInfo.InvariantCulture, $"Compression = {Compression}, RequiredAcks = {RequiredAcks}, EnableTls = {EnableTls}, ");
        text.Append(CultureInfo.InvariantCulture, $"SaslMechanism = {SaslMechanism}, SaslUser = {SaslUser}, SaslPassword = {(SaslPassword is null ? "" : "******")} }}");
        return text.ToString();
    }

    internal static ChangefeedException Invalid(string message) =>
        new("CDC:ErrKafkaInvalidConfig", message, isRetryable: false);

    private static int Int(SinkUri uri, string name, int fallback, int min, int max)
    {
        try
        {
            return uri.GetInt(name, fallback, min, max);
        }
        catch (FormatException e)
        {
            throw new ChangefeedException("CDC:ErrKafkaInvalidConfig", e.Message, isRetryable: false, e);
        }
    }

    private static bool Bool(SinkUri uri, string name, bool fallback)
    {
        try
        {
            return uri.GetBool(name, fallback);
        }
        catch (FormatException e)
        {
            throw new ChangefeedException("CDC:ErrKafkaInvalidConfig", e.Message, isRetryable: false, e);
        }
    }

    private static string? NonEmpty(SinkUri uri, string name) => uri.Get(name) is { Length: > 0 } value ? value : null;

    private static string? OneOf(SinkUri uri, string name, string[] allowed)
    {
        if (NonEmpty(uri, name) is not { } value)
            return null;
        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase))
                return candidate;
        }

        throw Invalid($"sink-uri parameter {name}={value} is not one of {string.Join(", ", allowed)}");
    }

    private static string? ClientIdOf(SinkUri uri)
    {
        if (NonEmpty(uri, "kafka-client-id") is not { } id)
            return null;
        if (id.Length > 249 || !id.All(IsTopicChar))
            throw Invalid($"sink-uri parameter kafka-client-id={id} may hold only letters, digits, '.', '_' and '-' (at most 249)");
        return id;
    }

    private static Dictionary<string, string> GssapiOf(SinkUri uri)
    {
        const string Prefix = "sasl-gssapi-";
        var gssapi = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in uri.Parameters)
        {
            if (name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
                gssapi[name[Prefix.Length..].ToLowerInvariant()] = value;
        }

        return gssapi;
    }

    private static TimeSpan Duration(SinkUri uri, string name)
    {
        if (NonEmpty(uri, name) is not { } text)
            return DefaultTimeout;
        if (!GoDuration.TryParse(text, out var value) || value <= TimeSpan.Zero)
            throw Invalid($"sink-uri parameter {name}={text} is not a positive duration (like 10s, 500ms, 1m)");
        return value;
    }
}
