namespace Sluice.ChangeFeed.Codecs;

/// <summary>The protocol settings of a changefeed (replica_config.sink and the sink URI's parameters).</summary>
public sealed record EncoderOptions
{
    /// <summary>canal-json's <c>_tidb</c> field and watermark messages (sink URI <c>enable-tidb-extension</c>).</summary>
    public bool EnableTidbExtension { get; init; }

    /// <summary>canal-json and open-protocol: an UPDATE's old values carry only the columns that changed.</summary>
    public bool OnlyOutputUpdatedColumns { get; init; }

    /// <summary>open-protocol: UPDATE events carry the old values ("p").</summary>
    public bool OpenOutputOldValue { get; init; } = true;

    /// <summary>debezium: UPDATE events carry "before".</summary>
    public bool DebeziumOutputOldValue { get; init; } = true;

    /// <summary>The Confluent schema registry (avro); null when not given.</summary>
    public Uri? SchemaRegistry { get; init; }

    /// <summary>avro: how DECIMAL is written ("precise" as Avro decimal bytes, "string").</summary>
    public string AvroDecimalHandlingMode { get; init; } = "precise";

    /// <summary>avro: how BIGINT UNSIGNED is written ("long", "string").</summary>
    public string AvroBigintUnsignedHandlingMode { get; init; } = "long";

    /// <summary>The name of the upstream cluster the messages say they come from (debezium's source.name, …).</summary>
    public string ClusterId { get; init; } = "default";

    /// <summary>The changefeed these messages come from.</summary>
    public string ChangefeedId { get; init; } = string.Empty;

    public CsvOptions Csv { get; init; } = new();

    /// <summary>Largest message a sink accepts; an encoder refuses (with a typed error) a single row larger than this.</summary>
    public int MaxMessageBytes { get; init; } = 10 * 1024 * 1024;
}

/// <summary>replica_config.sink.csv.</summary>
public sealed record CsvOptions
{
    public string Delimiter { get; init; } = ",";

    /// <summary>Quote character; empty for none.</summary>
    public string Quote { get; init; } = "\"";

    /// <summary>How NULL is written.</summary>
    public string Null { get; init; } = "\\N";

    public bool IncludeCommitTs { get; init; }

    /// <summary>"base64" or "hex".</summary>
    public string BinaryEncodingMethod { get; init; } = "base64";

    /// <summary>Write an UPDATE's old row too (TiCDC's <c>output-old-value</c>).</summary>
    public bool OutputOldValue { get; init; }

    /// <summary>Add the is-update column (TiCDC's <c>output-handle-key</c> family); off by default as in TiCDC.</summary>
    public bool OutputFieldHeader { get; init; }
}
