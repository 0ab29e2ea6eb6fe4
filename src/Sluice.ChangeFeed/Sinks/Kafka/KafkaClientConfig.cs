using System.Globalization;
using Confluent.Kafka;

namespace Sluice.ChangeFeed.Sinks.Kafka;

/// <summary>librdkafka settings from the sink URI's parameters: brokers, TLS, SASL and timeouts, shared by the producer and the admin client.</summary>
/// <remarks>https://github.com/confluentinc/librdkafka/blob/master/CONFIGURATION.md</remarks>
internal static class KafkaClientConfig
{
    /// <summary>Bytes librdkafka adds to a message on the wire (record batch header and record overhead), with room to spare.</summary>
    public const int MessageOverhead = 1024;

    /// <summary>Produced but not yet acknowledged bytes above which the sink waits for delivery reports before producing more.</summary>
    public const long InFlightLimitBytes = 64L * 1024 * 1024;

    public static ProducerConfig Producer(KafkaSinkOptions options, IReadOnlyDictionary<string, string>? overrides)
    {
        var config = new ProducerConfig();
        Apply(config, options);
        config.ClientId = options.ClientId ?? "sluice_producer";
        if (options.RequiredAcks == -1)
        {
            // Idempotence keeps per-partition order and rules out duplicates across retries; it needs acks=all.
            config.EnableIdempotence = true;
            config.Acks = Acks.All;
        }
        else
        {
            config.EnableIdempotence = false;
            config.Acks = options.RequiredAcks == 1 ? Acks.Leader : Acks.None;
        }

        config.CompressionType = options.Compression switch
        {
            "gzip" => CompressionType.Gzip,
            "snappy" => CompressionType.Snappy,
            "lz4" => CompressionType.Lz4,
            "zstd" => CompressionType.Zstd,
            _ => CompressionType.None,
        };
        config.MessageMaxBytes = (int)Math.Min(KafkaSinkOptions.MaxMaxMessageBytes, (long)options.MaxMessageBytes + MessageOverhead);

        // librdkafka's own queue is bounded too, a little above what the sink lets be in flight.
        var queueBytes = Math.Max(InFlightLimitBytes, (long)options.MaxMessageBytes + MessageOverhead) * 2;
        config.QueueBufferingMaxKbytes = (int)Math.Min(int.MaxValue, queueBytes / 1024);
        config.QueueBufferingMaxMessages = 1_000_000;
        config.LingerMs = 5;

        // The sink reads only a report's error, topic and partition: the other fields (timestamp, headers, key,
        // value, status) are not marshalled for each message.
        config.DeliveryReportFields = "none";

        // Topics are created by the sink with partition-num and replication-factor, never by the broker's defaults.
        config.AllowAutoCreateTopics = false;
        config.SocketTimeoutMs = (int)Math.Max(options.ReadTimeout.TotalMilliseconds, options.WriteTimeout.TotalMilliseconds);
        ApplyOverrides(config, overrides);
        return config;
    }

    public static AdminClientConfig Admin(KafkaSinkOptions options, IReadOnlyDictionary<string, string>? overrides)
    {
        var config = new AdminClientConfig();
        Apply(config, options);
        config.ClientId = (options.ClientId ?? "sluice_producer") + "_admin";
        config.SocketTimeoutMs = (int)Math.Max(options.ReadTimeout.TotalMilliseconds, options.WriteTimeout.TotalMilliseconds);
        ApplyOverrides(config, overrides);
        return config;
    }

    private static void Apply(ClientConfig config, KafkaSinkOptions options)
    {
        config.BootstrapServers = options.Brokers;
        config.SocketConnectionSetupTimeoutMs = (int)options.DialTimeout.TotalMilliseconds;
        var sasl = options.SaslMechanism is not null;
        config.SecurityProtocol = (options.EnableTls, sasl) switch
        {
            (true, true) => SecurityProtocol.SaslSsl,
            (true, false) => SecurityProtocol.Ssl,
            (false, true) => SecurityProtocol.SaslPlaintext,
            _ => SecurityProtocol.Plaintext,
        };
        if (options.EnableTls)
        {
            config.SslCaLocation = options.CaPath;
            config.SslCertificateLocation = options.CertPath;
            config.SslKeyLocation = options.KeyPath;
            config.EnableSslCertificateVerification = !options.InsecureSkipVerify;
        }

        switch (options.SaslMechanism)
        {
            case "plain" or "scram-sha-256" or "scram-sha-512":
                config.SaslMechanism = options.SaslMechanism switch
                {
                    "plain" => Confluent.Kafka.SaslMechanism.Plain,
                    "scram-sha-256" => Confluent.Kafka.SaslMechanism.ScramSha256,
                    _ => Confluent.Kafka.SaslMechanism.ScramSha512,
                };
                config.SaslUsername = options.SaslUser;
                config.SaslPassword = options.SaslPassword;
                break;
            case "gssapi":
                config.SaslMechanism = Confluent.Kafka.SaslMechanism.Gssapi;
                var gssapi = options.SaslGssapi;
                config.SaslKerberosServiceName = gssapi.GetValueOrDefault("service-name", "kafka");
                if (gssapi.TryGetValue("keytab-path", out var keytab))
                    config.SaslKerberosKeytab = keytab;
                if (gssapi.TryGetValue("user", out var user))
                {
                    config.SaslKerberosPrincipal = gssapi.TryGetValue("realm", out var realm)
                        ? string.Create(CultureInfo.InvariantCulture, $"{user}@{realm}")
                        : user;
                }

                break;
        }
    }

    private static void ApplyOverrides(ClientConfig config, IReadOnlyDictionary<string, string>? overrides)
    {
        if (overrides is null)
            return;
        foreach (var (name, value) in overrides)
            config.Set(name, value);
    }
}
