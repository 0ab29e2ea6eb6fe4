using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Dispatching;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Sinks.Kafka;

/// <summary>
/// TiCDC's Kafka sink: every row change encoded by the changefeed's protocol and produced to the topic and partition
/// the <see cref="EventRouter"/> picks, through an idempotent producer (acks=all unless required-acks says otherwise),
/// so one partition keeps the order rows were written in. A DDL is produced to every partition of its topic once what
/// came before it is acknowledged, and a flush waits for every delivery report before it sends the resolved
/// watermark (when the protocol has one) to every partition of every topic used, as TiCDC does.
/// Memory stays bounded: librdkafka's queue is limited, and the sink waits for delivery reports when too much is in flight.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-kafka</remarks>
public sealed partial class KafkaSink : IChangeSink
{
    private readonly KafkaSinkOptions _options;
    private readonly IChangeEncoder _encoder;
    private readonly EventRouter _router;
    private readonly ILogger _logger;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly IAdminClient _admin;
    private readonly KafkaTopicManager _topics;
    private readonly DeliveryTracker _deliveries = new();
    private bool _disposed;

    private KafkaSink(KafkaSinkOptions options, IChangeEncoder encoder, EventRouter router, ILogger logger, IReadOnlyDictionary<string, string>? overrides)
    {
        _options = options;
        _encoder = encoder;
        _router = router;
        _logger = logger;
        _producer = new ProducerBuilder<byte[]?, byte[]>(KafkaClientConfig.Producer(options, overrides))
            .SetErrorHandler((_, error) => LogClientError(error.Code, error.Reason))
            .SetLogHandler((_, message) => LogClientMessage(message.Facility, message.Message))
            .Build();
        try
        {
            _admin = new DependentAdminClientBuilder(_producer.Handle).Build();
        }
        catch
        {
            _producer.Dispose();
            throw;
        }

        _topics = new KafkaTopicManager(_admin, options, logger);
    }

    /// <summary>Produced messages not yet acknowledged (for status and tests).</summary>
    public long InFlightMessages => _deliveries.InFlightMessages;

    /// <summary>
    /// Connects, and checks (or creates) the default topic, so that a wrong broker list or topic shows when the
    /// changefeed starts rather than at its first change.
    /// </summary>
    /// <param name="options">The sink URI's settings.</param>
    /// <param name="encoder">The changefeed's protocol.</param>
    /// <param name="router">Topics and partitions; its default topic is normally <see cref="KafkaSinkOptions.Topic"/>.</param>
    /// <param name="logger">Where topic creation and client errors are logged.</param>
    /// <param name="cancellationToken">Cancels the topic check.</param>
    /// <exception cref="ChangefeedException">The topic cannot be used or created (see <see cref="ChangefeedException.IsRetryable"/>).</exception>
    public static Task<KafkaSink> CreateAsync(
        KafkaSinkOptions options,
        IChangeEncoder encoder,
        EventRouter router,
        ILogger? logger,
        CancellationToken cancellationToken) =>
        CreateAsync(options, encoder, router, logger, overrides: null, cancellationToken);

    /// <param name="overrides">librdkafka properties set last (tests: a mock cluster, short timeouts).</param>
    internal static async Task<KafkaSink> CreateAsync(
        KafkaSinkOptions options,
        IChangeEncoder encoder,
        EventRouter router,
        ILogger? logger,
        IReadOnlyDictionary<string, string>? overrides,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(router);
        KafkaSink sink;
        try
        {
            sink = new KafkaSink(options, encoder, router, logger ?? NullLogger.Instance, overrides);
        }
        catch (KafkaException e)
        {
            throw new ChangefeedException("CDC:ErrKafkaNewProducer", $"cannot create the Kafka producer: {e.Error.Reason}", isRetryable: false, e);
        }

        try
        {
            await sink._topics.GetPartitionCountAsync(router.DefaultTopic, cancellationToken).ConfigureAwait(false);
            return sink;
        }
        catch
        {
            await sink.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask WriteRowsAsync(TransactionChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var row in chunk.Rows)
        {
            ThrowIfDeliveryFailed();
            var message = await _encoder.EncodeRowAsync(row, cancellationToken).ConfigureAwait(false);
            var topic = _router.GetTopic(row.Table.Schema, row.Table.Name);
            var partitions = await _topics.GetPartitionCountAsync(topic, cancellationToken).ConfigureAwait(false);
            var partition = _router.GetPartition(row, partitions);
            await ProduceAsync(topic, partition, message, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask WriteDdlAsync(DdlEvent ddl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var message = await _encoder.EncodeDdlAsync(ddl, cancellationToken).ConfigureAwait(false);
        if (message is null)
            return;

        // Consumers apply a DDL once every row before it is in; TiCDC sends it only after those are acknowledged.
        await WaitForDeliveriesAsync(cancellationToken).ConfigureAwait(false);
        var topic = _router.GetTopicForDdl(ddl);
        await BroadcastAsync(topic, message, cancellationToken).ConfigureAwait(false);
        await WaitForDeliveriesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask FlushAsync(Tso resolvedTs, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await WaitForDeliveriesAsync(cancellationToken).ConfigureAwait(false);
        if (_encoder.EncodeResolved(resolvedTs) is not { } resolved)
            return;

        // Every partition a consumer may read gets the watermark: each partition of each topic written so far.
        await _topics.GetPartitionCountAsync(_router.DefaultTopic, cancellationToken).ConfigureAwait(false);
        foreach (var topic in _topics.Topics.ToArray())
            await BroadcastAsync(topic, resolved, cancellationToken).ConfigureAwait(false);
        await WaitForDeliveriesAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed)
            return ValueTask.CompletedTask;
        _disposed = true;
        _admin.Dispose();
        _producer.Dispose();
        return ValueTask.CompletedTask;
    }

    private async ValueTask BroadcastAsync(string topic, EncodedMessage message, CancellationToken cancellationToken)
    {
        var partitions = await _topics.GetPartitionCountAsync(topic, cancellationToken).ConfigureAwait(false);
        for (var partition = 0; partition < partitions; partition++)
            await ProduceAsync(topic, partition, message, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask ProduceAsync(string topic, int partition, EncodedMessage message, CancellationToken cancellationToken)
    {
        var size = message.Length;
        if (size > _options.MaxMessageBytes)
        {
            throw new ChangefeedException(
                "CDC:ErrMessageTooLarge",
                $"a message of {message.Schema}.{message.Table} at commit ts {message.CommitTs} is {size} bytes, more than max-message-bytes {_options.MaxMessageBytes}",
                isRetryable: false);
        }

        // Bounded memory: wait until enough of what is in flight is acknowledged for this message to fit.
        if (_deliveries.InFlightBytes + size > KafkaClientConfig.InFlightLimitBytes)
            await _deliveries.WaitAsync(Math.Max(1, KafkaClientConfig.InFlightLimitBytes - size), cancellationToken).ConfigureAwait(false);

        var kafkaMessage = new Message<byte[]?, byte[]> { Key = message.Key, Value = message.Value };
        var target = new TopicPartition(topic, new Partition(partition));
        while (true)
        {
            _deliveries.Produced(size);
            try
            {
                _producer.Produce(target, kafkaMessage, report => _deliveries.Delivered(size, FailureOf(report)));
                return;
            }
            catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // librdkafka's queue is full despite the bound above (many small messages): let half of it drain.
                _deliveries.Delivered(size, null);
                await _deliveries.WaitAsync(Math.Max(1, _deliveries.InFlightBytes / 2), cancellationToken).ConfigureAwait(false);
            }
            catch (ProduceException<byte[]?, byte[]> e)
            {
                _deliveries.Delivered(size, null);
                throw Failure(e.Error, topic, partition);
            }
        }
    }

    private async ValueTask WaitForDeliveriesAsync(CancellationToken cancellationToken)
    {
        await _deliveries.WaitAsync(0, cancellationToken).ConfigureAwait(false);
        ThrowIfDeliveryFailed();
    }

    private void ThrowIfDeliveryFailed()
    {
        if (_deliveries.Failure is { } failure)
            throw new ChangefeedException(failure.Code, failure.Message, failure.IsRetryable, failure);
    }

    private static ChangefeedException? FailureOf(DeliveryReport<byte[]?, byte[]> report) =>
        report.Error.IsError ? Failure(report.Error, report.Topic, report.Partition.Value) : null;

    private static ChangefeedException Failure(Error error, string topic, int partition) =>
        error.Code is ErrorCode.MsgSizeTooLarge
            ? new ChangefeedException("CDC:ErrMessageTooLarge", $"Kafka refused a message to {topic}[{partition}] as too large: {error.Reason}", isRetryable: false)
            : new ChangefeedException("CDC:ErrKafkaSendMessage", $"Kafka did not acknowledge a message to {topic}[{partition}]: {error.Code}: {error.Reason}", isRetryable: true);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka client error {Code}: {Reason}")]
    private partial void LogClientError(ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "librdkafka {Facility}: {Text}")]
    private partial void LogClientMessage(string facility, string text);
}
