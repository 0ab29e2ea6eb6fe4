using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;

namespace Sluice.ChangeFeed.Sinks.Kafka;

/// <summary>
/// Knows how many partitions each topic the sink writes has, creating a missing topic with partition-num and
/// replication-factor when auto-create-topic allows, as TiCDC does. An existing topic with fewer partitions than
/// partition-num is an error; with more, only the first partition-num are used (TiCDC's rule, so the partition a key
/// maps to does not change when someone adds partitions).
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-kafka ("partition-num", "auto-create-topic")</remarks>
internal sealed partial class KafkaTopicManager
{
    private readonly IAdminClient _admin;
    private readonly KafkaSinkOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, int> _partitions = new(StringComparer.Ordinal);

    public KafkaTopicManager(IAdminClient admin, KafkaSinkOptions options, ILogger logger)
    {
        _admin = admin;
        _options = options;
        _logger = logger;
    }

    /// <summary>The topics seen so far, in no particular order.</summary>
    public IEnumerable<string> Topics => _partitions.Keys;

    /// <summary>The number of partitions the sink uses in <paramref name="topic"/>, creating the topic when missing.</summary>
    /// <exception cref="ChangefeedException">The topic is missing and may not be created, has too few partitions, or the cluster did not answer.</exception>
    public async ValueTask<int> GetPartitionCountAsync(string topic, CancellationToken cancellationToken)
    {
        if (_partitions.TryGetValue(topic, out var known))
            return known;
        var count = await DescribeAsync(topic, cancellationToken).ConfigureAwait(false);
        if (count is null)
        {
            if (!_options.AutoCreateTopic)
                throw new ChangefeedException("CDC:ErrKafkaInvalidConfig", $"topic {topic} does not exist and auto-create-topic is false", isRetryable: false);
            count = await CreateAsync(topic, cancellationToken).ConfigureAwait(false);
        }
        else if (_options.PartitionNum is { } wanted)
        {
            if (wanted > count)
            {
                throw new ChangefeedException(
                    "CDC:ErrKafkaInvalidPartitionNum",
                    $"partition-num {wanted} is more than the {count} partitions of topic {topic}",
                    isRetryable: false);
            }

            if (wanted < count)
                LogPartitionsLeftUnused(topic, count.Value, wanted);
            count = wanted;
        }

        _partitions[topic] = count.Value;
        return count.Value;
    }

    /// <summary>The topic's partition count; null when it does not exist.</summary>
    private async Task<int?> DescribeAsync(string topic, CancellationToken cancellationToken)
    {
        // A Metadata request (what every Kafka-compatible broker answers); librdkafka's call blocks, so off this thread.
        var metadata = await Task.Run(
            () =>
            {
                try
                {
                    return _admin.GetMetadata(topic, _options.ReadTimeout);
                }
                catch (KafkaException e)
                {
                    throw new ChangefeedException("CDC:ErrKafkaNewProducer", $"cannot read the metadata of topic {topic}: {e.Error.Reason}", isRetryable: true, e);
                }
            },
            cancellationToken).ConfigureAwait(false);
        var described = metadata.Topics.Find(t => t.Topic == topic);
        if (described is null || described.Error.Code == ErrorCode.UnknownTopicOrPart)
            return null;
        if (described.Error.IsError)
            throw new ChangefeedException("CDC:ErrKafkaNewProducer", $"cannot read the metadata of topic {topic}: {described.Error.Reason}", isRetryable: true);
        return described.Partitions.Count;
    }

    private async Task<int> CreateAsync(string topic, CancellationToken cancellationToken)
    {
        var partitions = _options.PartitionNumOrDefault;
        try
        {
            await _admin.CreateTopicsAsync(
                [new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = _options.ReplicationFactor }],
                new CreateTopicsOptions { RequestTimeout = _options.WriteTimeout }).WaitAsync(cancellationToken).ConfigureAwait(false);
            LogTopicCreated(topic, partitions, _options.ReplicationFactor);
            return partitions;
        }
        catch (CreateTopicsException e) when (e.Results is [{ Error.Code: ErrorCode.TopicAlreadyExists }])
        {
            // Someone else created it meanwhile: use what is there.
            return await DescribeAsync(topic, cancellationToken).ConfigureAwait(false) ?? partitions;
        }
        catch (CreateTopicsException e)
        {
            var error = e.Results.Count > 0 ? e.Results[0].Error : e.Error;
            var retryable = error.Code is not (ErrorCode.InvalidReplicationFactor or ErrorCode.InvalidPartitions or ErrorCode.TopicException or ErrorCode.TopicAuthorizationFailed);
            throw new ChangefeedException("CDC:ErrKafkaCreateTopic", $"cannot create topic {topic}: {error.Reason}", retryable, e);
        }
        catch (KafkaException e)
        {
            throw new ChangefeedException("CDC:ErrKafkaCreateTopic", $"cannot create topic {topic}: {e.Error.Reason}", isRetryable: true, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Kafka topic {Topic} with {Partitions} partitions and replication factor {ReplicationFactor}")]
    private partial void LogTopicCreated(string topic, int partitions, short replicationFactor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka topic {Topic} has {Partitions} partitions; partition-num {PartitionNum} leaves the others unused")]
    private partial void LogPartitionsLeftUnused(string topic, int partitions, int partitionNum);
}
