using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>One version of a captured table as the sink writes it: its statement builder (keyed by the target's keys) and causality keys.</summary>
internal sealed class SinkTable
{
    private readonly bool[] _allPresent;

    public SinkTable(ChangeTable source, RowStatementBuilder builder, RowCausalityKeys keys)
    {
        Source = source;
        Builder = builder;
        Keys = keys;
        _allPresent = [.. Enumerable.Repeat(true, source.Columns.Count)];
    }

    public ChangeTable Source { get; }

    public RowStatementBuilder Builder { get; }

    public RowCausalityKeys Keys { get; }

    /// <summary>A row's values as a complete row image (a changefeed's rows carry every column).</summary>
    public RowImage Image(IReadOnlyList<object?> values)
    {
        if (values.Count != _allPresent.Length)
            throw new ArgumentException($"a row of {values.Count} values does not fit {Source}, which has {_allPresent.Length} columns", nameof(values));
        return new RowImage(values as object?[] ?? [.. values], _allPresent);
    }
}
