using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs;

/// <summary>
/// A protocol's encoding of change events: a pure function of the event and the encoder's options (an Avro encoder
/// may consult its schema registry, hence the asynchrony). Sinks own the I/O.
/// </summary>
public interface IChangeEncoder
{
    /// <summary>The protocol name as TiCDC spells it: canal-json, open-protocol, debezium, avro, simple, csv.</summary>
    string Protocol { get; }

    ValueTask<EncodedMessage> EncodeRowAsync(RowChangedEvent row, CancellationToken cancellationToken);

    /// <summary>The DDL's message; null when the protocol carries no DDL.</summary>
    ValueTask<EncodedMessage?> EncodeDdlAsync(DdlEvent ddl, CancellationToken cancellationToken);

    /// <summary>A watermark saying every change up to <paramref name="resolvedTs"/> was sent; null when the protocol has none (or it is turned off).</summary>
    EncodedMessage? EncodeResolved(Tso resolvedTs);
}
