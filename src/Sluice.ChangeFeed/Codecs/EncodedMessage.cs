using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs;

/// <summary>
/// One encoded event: a Kafka message's key and value, or a line of a storage file (the value; no key). Schema and
/// table name what it belongs to (null for watermark messages that belong to none).
/// </summary>
public sealed record EncodedMessage(byte[]? Key, byte[] Value, Tso CommitTs, string? Schema = null, string? Table = null, int RowCount = 1)
{
    public int Length => (Key?.Length ?? 0) + Value.Length;
}
