using System.Buffers.Binary;

namespace Sluice.ChangeFeed.Codecs.OpenProtocol;

/// <summary>
/// open-protocol's message framing: the Kafka key is the protocol version (8 bytes, big-endian, 1) followed by
/// length-prefixed event keys, the value the same number of length-prefixed event values (lengths 8 bytes, big-endian).
/// One encoded event is a message with one pair; <see cref="Batch"/> joins several into one message, which is how
/// TiCDC packs events up to max-batch-size.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-open-protocol#message-format</remarks>
public static class OpenProtocolFraming
{
    /// <summary>The protocol version in every key's first 8 bytes.</summary>
    public const ulong Version = 1;

    private const int LengthSize = 8;

    /// <summary>The framed key and value of one event.</summary>
    public static (byte[] Key, byte[] Value) Frame(ReadOnlySpan<byte> eventKey, ReadOnlySpan<byte> eventValue)
    {
        var key = new byte[LengthSize + LengthSize + eventKey.Length];
        BinaryPrimitives.WriteUInt64BigEndian(key, Version);
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(LengthSize), (ulong)eventKey.Length);
        eventKey.CopyTo(key.AsSpan(LengthSize * 2));
        var value = new byte[LengthSize + eventValue.Length];
        BinaryPrimitives.WriteUInt64BigEndian(value, (ulong)eventValue.Length);
        eventValue.CopyTo(value.AsSpan(LengthSize));
        return (key, value);
    }

    /// <summary>
    /// One message carrying the events of <paramref name="messages"/> in order (each an open-protocol message of one
    /// or more events): the version once, then every key pair, and every value pair. The batch's commit ts is the
    /// last one's; schema and table are kept only when all messages share them.
    /// </summary>
    public static EncodedMessage Batch(IReadOnlyList<EncodedMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfZero(messages.Count);
        using var key = new MemoryStream();
        using var value = new MemoryStream();
        Span<byte> version = stackalloc byte[LengthSize];
        BinaryPrimitives.WriteUInt64BigEndian(version, Version);
        key.Write(version);
        var rows = 0;
        foreach (var message in messages)
        {
            if (message.Key is null || message.Key.Length < LengthSize || BinaryPrimitives.ReadUInt64BigEndian(message.Key) != Version)
                throw new ArgumentException("not an open-protocol message: its key does not start with version 1", nameof(messages));
            key.Write(message.Key.AsSpan(LengthSize));
            value.Write(message.Value);
            rows += message.RowCount;
        }

        var first = messages[0];
        var last = messages[^1];
        var sameTable = messages.All(m => m.Schema == first.Schema && m.Table == first.Table);
        return new EncodedMessage(key.ToArray(), value.ToArray(), last.CommitTs, sameTable ? first.Schema : null, sameTable ? first.Table : null, rows);
    }
}
