using System.Text;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Tests.Sinks.Storage;

/// <summary>A stand-in for the csv encoder: one line per row, <c>I|U|D</c> then the values, comma-separated, NULL as \N.</summary>
internal sealed class LineEncoder : IChangeEncoder
{
    public string Protocol => "csv";

    public ValueTask<EncodedMessage> EncodeRowAsync(RowChangedEvent row, CancellationToken cancellationToken)
    {
        var kind = row.Kind switch
        {
            RowChangeKind.Insert => "I",
            RowChangeKind.Update => "U",
            _ => "D",
        };
        var line = kind + "," + string.Join(',', row.Current.Select(v => ColumnValueText.Format(v) ?? "\\N"));
        return ValueTask.FromResult(new EncodedMessage(null, Encoding.UTF8.GetBytes(line), row.CommitTs, row.Table.Schema, row.Table.Name));
    }

    public ValueTask<EncodedMessage?> EncodeDdlAsync(DdlEvent ddl, CancellationToken cancellationToken) => ValueTask.FromResult<EncodedMessage?>(null);

    public EncodedMessage? EncodeResolved(Tso resolvedTs) => null;
}
