using Sluice.Replication.Configuration;
using Sluice.ChangeFeed;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Sinks;
using Sluice.ChangeFeed.Supervision;
using Sluice.Server.Tasks;

namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// replica_config (filled with defaults) → the engine's <see cref="ChangefeedOptions"/>: the fields the engine acts on
/// (see <see cref="ReplicaConfig"/> for those it keeps only). Values the engine could not use are refused here with
/// TiCDC's codes, so that a changefeed never fails later for what was given at creation.
/// </summary>
internal static class ReplicaConfigMapping
{
    /// <summary>The protocols Sluice's encoders write (sink.protocol, or the sink URI's protocol parameter).</summary>
    public static readonly IReadOnlyList<string> Protocols = ["canal-json", "open-protocol", "debezium", "avro", "simple", "csv"];

    private static readonly string[] s_dateSeparators = ["none", "year", "month", "day"];
    private static readonly string[] s_binaryEncodings = ["base64", "hex"];

    /// <param name="id">The changefeed's id (encoders name it in their messages).</param>
    /// <param name="config">The replica_config, filled (<see cref="ReplicaConfigDefaults.Fill"/>).</param>
    /// <param name="sinkUri">The parsed sink URI, for its protocol parameter.</param>
    public static ChangefeedOptions ToOptions(string id, ReplicaConfig config, SinkUri sinkUri)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(sinkUri);
        var filter = config.Filter ?? new FilterConfig();
        var sink = config.Sink ?? new SinkConfig();
        var csv = sink.Csv ?? new CsvConfig();

        RefuseNulls(filter.Rules, "filter.rules");
        RefuseNulls(filter.EventFilters, "filter.event_filters");
        RefuseNulls(sink.ColumnSelectors, "sink.column_selectors");
        RefuseNulls(sink.Dispatchers, "sink.dispatchers");
        foreach (var rule in filter.EventFilters ?? [])
        {
            RefuseNulls(rule.Matcher, "filter.event_filters[].matcher");
            RefuseNulls(rule.IgnoreEvent, "filter.event_filters[].ignore_event");
            RefuseNulls(rule.IgnoreSql, "filter.event_filters[].ignore_sql");
        }

        foreach (var selector in sink.ColumnSelectors ?? [])
        {
            RefuseNulls(selector.Matcher, "sink.column_selectors[].matcher");
            RefuseNulls(selector.Columns, "sink.column_selectors[].columns");
        }

        foreach (var dispatcher in sink.Dispatchers ?? [])
        {
            RefuseNulls(dispatcher.Matcher, "sink.dispatchers[].matcher");
            RefuseNulls(dispatcher.Columns, "sink.dispatchers[].columns");
        }

        var protocol = string.IsNullOrEmpty(sink.Protocol) ? sinkUri.Get("protocol") : sink.Protocol;
        if (string.IsNullOrEmpty(protocol))
            protocol = null;
        else if (!Protocols.Contains(protocol, StringComparer.Ordinal))
            throw new CdcApiException(CdcErrorCodes.SinkUnknownProtocol, $"unknown '{protocol}' message protocol: use one of {string.Join(", ", Protocols)}");

        var dateSeparator = sink.DateSeparator ?? "day";
        if (!s_dateSeparators.Contains(dateSeparator, StringComparer.Ordinal))
            throw CdcApiException.InvalidParam($"sink.date_separator '{dateSeparator}' is not one of none, year, month, day");
        var binaryEncoding = csv.BinaryEncodingMethod ?? "base64";
        if (!s_binaryEncodings.Contains(binaryEncoding, StringComparer.Ordinal))
            throw CdcApiException.InvalidParam($"sink.csv.binary_encoding_method '{binaryEncoding}' is not base64 or hex");
        if (csv.Delimiter is { Length: 0 })
            throw CdcApiException.InvalidParam("sink.csv.delimiter is empty");
        if (config.MemoryQuota is 0 or > long.MaxValue)
            throw CdcApiException.InvalidParam($"memory_quota {config.MemoryQuota} is not a number of bytes above zero");

        Uri? registry = null;
        if (!string.IsNullOrEmpty(sink.SchemaRegistry) && !Uri.TryCreate(sink.SchemaRegistry, UriKind.Absolute, out registry))
            throw CdcApiException.InvalidParam($"sink.schema_registry '{sink.SchemaRegistry}' is not an absolute URL");

        var storage = new StorageOptions
        {
            DateSeparator = dateSeparator,
            EnablePartitionSeparator = sink.EnablePartitionSeparator ?? true,
            Terminator = string.IsNullOrEmpty(sink.Terminator) ? "\r\n" : sink.Terminator,
        };
        if (sink.CloudStorageConfig is { } cloud)
        {
            if (cloud.FileSize is { } fileSize)
            {
                storage = fileSize > 0 ? storage with { FileSize = fileSize }
                    : throw CdcApiException.InvalidParam($"sink.cloud_storage_config.file_size {fileSize} is not above zero");
            }

            if (cloud.FlushInterval is { } flush)
            {
                storage = GoDuration.TryParse(flush, out var interval) && interval > TimeSpan.Zero ? storage with { FlushInterval = interval }
                    : throw CdcApiException.InvalidParam($"sink.cloud_storage_config.flush_interval '{flush}' is not a positive Go duration like \"5s\"");
            }
        }

        return new ChangefeedOptions
        {
            CaseSensitive = config.CaseSensitive ?? false,
            FilterRules = filter.Rules is { Count: > 0 } rules ? rules : ["*.*"],
            IgnoreTxnStartTs = filter.IgnoreTxnStartTs ?? [],
            EventFilters = [.. (filter.EventFilters ?? []).Select(e => new EventFilterRule
            {
                Matcher = e.Matcher ?? [],
                IgnoreEvent = e.IgnoreEvent ?? [],
                IgnoreSql = e.IgnoreSql ?? [],
                IgnoreInsertValueExpr = NullIfEmpty(e.IgnoreInsertValueExpr),
                IgnoreUpdateNewValueExpr = NullIfEmpty(e.IgnoreUpdateNewValueExpr),
                IgnoreUpdateOldValueExpr = NullIfEmpty(e.IgnoreUpdateOldValueExpr),
                IgnoreDeleteValueExpr = NullIfEmpty(e.IgnoreDeleteValueExpr),
            })],
            ColumnSelectors = [.. (sink.ColumnSelectors ?? []).Select(s => new ColumnSelectorRule(s.Matcher ?? [], s.Columns ?? []))],
            Dispatchers = [.. (sink.Dispatchers ?? []).Select(d => new DispatchRule(d.Matcher ?? [], NullIfEmpty(d.Partition), NullIfEmpty(d.Topic), d.Columns, NullIfEmpty(d.Index)))],
            Protocol = protocol,
            Encoder = new EncoderOptions
            {
                ChangefeedId = id,
                OnlyOutputUpdatedColumns = sink.OnlyOutputUpdatedColumns ?? false,
                OpenOutputOldValue = sink.Open?.OutputOldValue ?? true,
                DebeziumOutputOldValue = sink.Debezium?.OutputOldValue ?? true,
                SchemaRegistry = registry,
                Csv = new CsvOptions
                {
                    Delimiter = csv.Delimiter ?? ",",
                    Quote = csv.Quote ?? "\"",
                    Null = csv.Null ?? "\\N",
                    IncludeCommitTs = csv.IncludeCommitTs ?? false,
                    BinaryEncodingMethod = binaryEncoding,
                    OutputOldValue = csv.OutputOldValue ?? false,
                    OutputFieldHeader = csv.OutputFieldHeader ?? false,
                },
            },
            Storage = storage,
            MemoryQuota = (long)(config.MemoryQuota ?? ReplicaConfigDefaults.MemoryQuota),
            ForceReplicate = config.ForceReplicate ?? false,
            IgnoreIneligibleTable = config.IgnoreIneligibleTable ?? false,
        };
    }

    /// <summary>changefeed_error_stuck_duration as the supervisor's retry policy (TiCDC's backoff otherwise).</summary>
    public static ChangefeedRetryPolicy RetryPolicy(ReplicaConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var policy = new ChangefeedRetryPolicy();
        return config.ChangefeedErrorStuckDuration is { } nanoseconds and > 0
            ? policy with { ErrorStuckDuration = TimeSpan.FromTicks(nanoseconds / 100) }
            : policy;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>JSON lists may hold nulls the contract's element types do not admit: refused, with the field's name.</summary>
    private static void RefuseNulls<T>(IReadOnlyList<T?>? list, string name)
    {
        if (list is not null && list.Any(item => item is null))
            throw CdcApiException.InvalidParam($"{name} holds a null");
    }
}
