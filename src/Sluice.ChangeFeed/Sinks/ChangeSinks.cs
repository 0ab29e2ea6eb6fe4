using Microsoft.Extensions.Logging;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Dispatching;
using Sluice.ChangeFeed.Sinks.Blackhole;
using Sluice.ChangeFeed.Sinks.Kafka;
using Sluice.ChangeFeed.Sinks.MySql;
using Sluice.ChangeFeed.Sinks.Storage;

namespace Sluice.ChangeFeed.Sinks;

/// <summary>Builds a changefeed's sink from its sink URI.</summary>
public static class ChangeSinks
{
    /// <summary>The sink URI schemes Sluice writes to.</summary>
    public static IReadOnlyList<string> Schemes { get; } = ["mysql", "tidb", "mysql+ssl", "tidb+ssl", "kafka", "kafka+ssl", "file", "local", "blackhole"];

    /// <summary>Checks a sink URI and the protocol settings without connecting anywhere: what a create or update request can be refused for.</summary>
    /// <exception cref="ChangefeedException">The URI names no sink Sluice has, or its parameters are wrong.</exception>
    public static void Validate(ChangefeedDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var uri = Parse(definition);
        var options = definition.Options;
        switch (uri.Scheme)
        {
            case "blackhole":
                BlackholeSink.FromUri(uri);
                break;
            case "file" or "local":
                StorageSinkOptions.FromUri(uri, options.Storage, options.Protocol);
                break;
            case "kafka" or "kafka+ssl":
            {
                var kafka = KafkaSinkOptions.FromUri(uri);
                _ = ProtocolOf(kafka, options);
                EventRouter.FromOptions(options, kafka.Topic, kafka.PartitionNumOrDefault);
                break;
            }

            case "mysql" or "tidb" or "mysql+ssl" or "tidb+ssl":
                MySqlSinkOptions.FromUri(uri).Validate();
                break;
            default:
                throw Unsupported(uri);
        }
    }

    /// <exception cref="ChangefeedException">The URI names no sink Sluice has, its parameters are wrong, or the sink cannot be reached.</exception>
    public static async ValueTask<IChangeSink> CreateAsync(
        ChangefeedDefinition definition, ILogger? logger = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var uri = Parse(definition);
        var options = definition.Options;
        switch (uri.Scheme)
        {
            case "blackhole":
                return BlackholeSink.FromUri(uri);
            case "file" or "local":
            {
                var storage = StorageSinkOptions.FromUri(uri, options.Storage, options.Protocol);
                var encoder = ChangeEncoders.Create(storage.Protocol, ChangeEncoders.OptionsFor(definition, uri), storage.Terminator, time);
                return new StorageSink(storage, encoder, time);
            }

            case "kafka" or "kafka+ssl":
            {
                var kafka = KafkaSinkOptions.FromUri(uri);
                var router = EventRouter.FromOptions(options, kafka.Topic, kafka.PartitionNumOrDefault);
                var encoderOptions = kafka.ApplyTo(ChangeEncoders.OptionsFor(definition, uri));
                var encoder = ChangeEncoders.Create(ProtocolOf(kafka, options), encoderOptions, time: time, topicOf: table => router.GetTopic(table.Schema, table.Name));
                return await KafkaSink.CreateAsync(kafka, encoder, router, logger, cancellationToken).ConfigureAwait(false);
            }

            case "mysql" or "tidb" or "mysql+ssl" or "tidb+ssl":
                return MySqlSink.Create(uri, logger, time);
            default:
                throw Unsupported(uri);
        }
    }

    private static SinkUri Parse(ChangefeedDefinition definition) =>
        SinkUri.TryParse(definition.SinkUri, out var uri, out var error)
            ? uri
            : throw new ChangefeedException("CDC:ErrSinkURIInvalid", error, isRetryable: false);

    /// <summary>The URI's protocol, else the changefeed's sink.protocol; a Kafka sink needs one (TiCDC's open-protocol when neither says).</summary>
    private static string ProtocolOf(KafkaSinkOptions kafka, ChangefeedOptions options)
    {
        var protocol = kafka.Protocol ?? options.Protocol ?? "open-protocol";
        if (!ChangeEncoders.Protocols.Contains(protocol, StringComparer.OrdinalIgnoreCase) || string.Equals(protocol, "csv", StringComparison.OrdinalIgnoreCase))
            throw new ChangefeedException("CDC:ErrSinkUnknownProtocol", $"protocol '{protocol}' is not supported by the kafka sink; use canal-json, open-protocol, debezium, avro or simple", isRetryable: false);
        return protocol;
    }

    private static ChangefeedException Unsupported(SinkUri uri) => new(
        "CDC:ErrSinkURIInvalid",
        $"sink scheme {uri.Scheme}:// is not supported; use one of {string.Join(", ", Schemes.Select(s => s + "://"))}",
        isRetryable: false);
}
