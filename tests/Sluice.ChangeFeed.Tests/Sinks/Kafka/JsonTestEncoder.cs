using System.Text;
using System.Text.Json;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Tests.Sinks.Kafka;

/// <summary>A protocol for the sink tests: JSON of the values, the key column's text as the message key.</summary>
internal sealed class JsonTestEncoder : IChangeEncoder
{
    public string Protocol => "test-json";

    public bool WithDdl { get; init; } = true;

    public bool WithResolved { get; init; } = true;

    public ValueTask<EncodedMessage> EncodeRowAsync(RowChangedEvent row, CancellationToken cancellationToken)
    {
        var values = row.Current.Select(ColumnValueText.Format).ToArray();
        var json = JsonSerializer.SerializeToUtf8Bytes(new { type = "row", kind = row.Kind.ToString(), schema = row.Table.Schema, table = row.Table.Name, values, commitTs = row.CommitTs.Value });
        var key = Encoding.UTF8.GetBytes($"{row.Table.QualifiedName}:{values[0]}");
        return ValueTask.FromResult(new EncodedMessage(key, json, row.CommitTs, row.Table.Schema, row.Table.Name));
    }

    public ValueTask<EncodedMessage?> EncodeDdlAsync(DdlEvent ddl, CancellationToken cancellationToken) =>
        ValueTask.FromResult(WithDdl
            ? new EncodedMessage(null, JsonSerializer.SerializeToUtf8Bytes(new { type = "ddl", query = ddl.Query, commitTs = ddl.CommitTs.Value }), ddl.CommitTs, ddl.Schema, ddl.Table)
            : null);

    public EncodedMessage? EncodeResolved(Tso resolvedTs) =>
        WithResolved ? new EncodedMessage(null, JsonSerializer.SerializeToUtf8Bytes(new { type = "resolved", ts = resolvedTs.Value }), resolvedTs) : null;
}
