using Sluice.ChangeFeed.Filtering;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Processing;

/// <summary>
/// What a changefeed captures: the tables its filter rules select (TiDB's table-filter syntax), minus the
/// transactions, events and rows its event filters leave out, with only the columns its selectors keep. Built
/// (and every rule checked) once per run.
/// </summary>
internal sealed class CaptureFilter(ChangefeedOptions options)
{
    private readonly TableFilterRules _tables = TableFilterRules.ForChangefeed(options);
    private readonly EventFilter _events = new(options);
    private readonly ColumnSelector _columns = new(options);

    public bool AllowsTable(string schema, string table) => !_tables.ShouldIgnoreTable(schema, table);

    public bool AllowsSchema(string schema) => !_tables.ShouldIgnoreSchema(schema);

    public bool IgnoresTransaction(Tso startTs) => _events.ShouldIgnoreTransaction(startTs);

    public bool IgnoresRow(RowChangedEvent row) => !_events.IsEmpty && _events.ShouldIgnoreRow(row);

    public bool IgnoresDdl(DdlEvent ddl) => !_events.IsEmpty && _events.ShouldIgnoreDdl(ddl);

    public RowChangedEvent SelectColumns(RowChangedEvent row) => _columns.IsEmpty ? row : _columns.Apply(row);
}
