using Sluice.ChangeFeed.Filtering;
using System.Collections.Concurrent;
using System.Globalization;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Dispatching;

/// <summary>
/// Sends each change to its topic and partition by the changefeed's sink.dispatchers: the first rule whose matcher
/// matches the table decides both; a rule without a topic keeps the default topic (the sink URI's), a rule without a
/// partition uses the default dispatcher (<c>table</c>), and a table no rule matches gets both defaults. DDL goes to
/// the topic of its table (the old name for a rename), schema-level DDL to the default topic.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-kafka ("Customize the rules for Topic and Partition dispatchers")</remarks>
public sealed class EventRouter
{
    private readonly Rule[] _rules;
    private readonly Rule _fallback;
    private readonly ConcurrentDictionary<(string Schema, string Table), MatchedRule> _matched = new();

    /// <param name="rules">sink.dispatchers, in order.</param>
    /// <param name="defaultTopic">The sink URI's topic.</param>
    /// <param name="partitionCount">The default topic's partition count (checks fixed partition numbers).</param>
    /// <param name="caseSensitive">The changefeed's case-sensitive setting, for matchers.</param>
    /// <param name="protocol">The sink protocol (avro needs {schema} and {table} in topic expressions).</param>
    /// <param name="indexColumns">Resolves the index named by an index-value rule; null knows only PRIMARY.</param>
    /// <exception cref="ChangefeedException">A rule is invalid (CDC:ErrFilterRuleInvalid, CDC:ErrKafkaInvalidTopicExpression, CDC:ErrSinkInvalidConfig); not retryable.</exception>
    public EventRouter(
        IReadOnlyList<DispatchRule> rules,
        string defaultTopic,
        int partitionCount,
        bool caseSensitive = false,
        string? protocol = null,
        IndexColumnsResolver? indexColumns = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentException.ThrowIfNullOrEmpty(defaultTopic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        DefaultTopic = defaultTopic;
        PartitionCount = partitionCount;
        _rules = [.. rules.Select(rule => Compile(rule, caseSensitive, protocol, partitionCount, indexColumns))];
        _fallback = new Rule(null, null, TablePartitionDispatcher.Instance);
    }

    public string DefaultTopic { get; }

    public int PartitionCount { get; }

    public static EventRouter FromOptions(ChangefeedOptions options, string defaultTopic, int partitionCount, IndexColumnsResolver? indexColumns = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EventRouter(options.Dispatchers, defaultTopic, partitionCount, options.CaseSensitive, options.Protocol, indexColumns);
    }

    /// <summary>The topic of a table's changes.</summary>
    public string GetTopic(string schema, string table) => Match(schema, table).Topic;

    /// <summary>The topic of a DDL: its table's (the old name for RENAME), or the default topic for a schema-level one.</summary>
    public string GetTopicForDdl(DdlEvent ddl)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        if (ddl.PreviousName is { } previous && !string.IsNullOrEmpty(previous.Table))
            return GetTopic(previous.Schema, previous.Table);
        return string.IsNullOrEmpty(ddl.Table) ? DefaultTopic : GetTopic(ddl.Schema, ddl.Table);
    }

    /// <summary>The partition of a row change among its topic's <paramref name="partitionCount"/> partitions.</summary>
    /// <exception cref="ChangefeedException">CDC:ErrDispatcherFailed: the table lacks a column or index the rule names.</exception>
    public int GetPartition(RowChangedEvent row, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        return Match(row.Table.Schema, row.Table.Name).Rule.Partition.GetPartition(row, partitionCount);
    }

    /// <summary>The topic and partition of a row change, when its topic has the default topic's partition count.</summary>
    public (string Topic, int Partition) Route(RowChangedEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (GetTopic(row.Table.Schema, row.Table.Name), GetPartition(row, PartitionCount));
    }

    /// <summary>The first rule matching the table and the topic it gives, looked up once per table.</summary>
    private MatchedRule Match(string schema, string table)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(table);
        return _matched.GetOrAdd((schema, table), static (key, router) =>
        {
            var rule = router._rules.FirstOrDefault(r => r.Matcher!.MatchTable(key.Schema, key.Table)) ?? router._fallback;
            return new MatchedRule(rule, rule.Topic?.Substitute(key.Schema, key.Table) ?? router.DefaultTopic);
        }, this);
    }

    private static Rule Compile(DispatchRule rule, bool caseSensitive, string? protocol, int partitionCount, IndexColumnsResolver? indexColumns)
    {
        ArgumentNullException.ThrowIfNull(rule);
        TableFilterRules matcher;
        try
        {
            matcher = TableFilterRules.Parse(rule.Matcher, caseSensitive);
        }
        catch (FormatException e)
        {
            throw new ChangefeedException("CDC:ErrFilterRuleInvalid", $"dispatcher matcher is invalid: {e.Message}", isRetryable: false, e);
        }

        var topic = string.IsNullOrEmpty(rule.Topic) ? null : TopicExpression.Parse(rule.Topic, protocol);
        return new Rule(matcher, topic, PartitionOf(rule, partitionCount, indexColumns));
    }

    private static PartitionDispatcher PartitionOf(DispatchRule rule, int partitionCount, IndexColumnsResolver? indexColumns)
    {
        var name = rule.Partition?.Trim() ?? string.Empty;
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var fixedPartition))
        {
            if (fixedPartition >= partitionCount)
                throw InvalidRule(rule, $"partition {fixedPartition} is not below the topic's {partitionCount} partitions");
            return new FixedPartitionDispatcher(fixedPartition);
        }

        switch (name.ToLowerInvariant())
        {
            case "ts":
                return TsPartitionDispatcher.Instance;
            case "index-value" or "rowid":
                // rowid is index-value's name before TiCDC v6.1; old configs still say it.
                return new IndexValuePartitionDispatcher(rule.Index, indexColumns);
            case "columns":
                if (rule.Columns is not { Count: > 0 } columns || columns.Any(string.IsNullOrWhiteSpace))
                    throw InvalidRule(rule, "the columns dispatcher needs the columns whose values pick the partition");
                return new ColumnsPartitionDispatcher(columns);
            default:
                // default, table, empty; and, as TiCDC does for Kafka, any other name falls back to the default dispatcher.
                return TablePartitionDispatcher.Instance;
        }
    }

    private static ChangefeedException InvalidRule(DispatchRule rule, string why) =>
        new("CDC:ErrSinkInvalidConfig", $"dispatcher for [{string.Join(", ", rule.Matcher)}] is invalid: {why}", isRetryable: false);

    private sealed record Rule(TableFilterRules? Matcher, TopicExpression? Topic, PartitionDispatcher Partition);

    private sealed record MatchedRule(Rule Rule, string Topic);
}
