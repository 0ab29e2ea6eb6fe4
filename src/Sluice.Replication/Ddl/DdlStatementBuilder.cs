using Sluice.Replication.Filtering;

namespace Sluice.Replication.Ddl;

/// <summary>Assembles one statement's template piece by piece, collecting its tables in order without repeats.</summary>
internal sealed class DdlStatementBuilder(string source)
{
    private readonly List<DdlPiece> _pieces = [];
    private readonly List<TableName> _tables = [];
    private string? _schema;

    /// <summary>Source text [start, end), kept as is.</summary>
    public DdlStatementBuilder Source(int start, int end)
    {
        if (end > start)
        {
            _pieces.Add(new DdlPiece(DdlPieceKind.Source, start, end));
        }

        return this;
    }

    public DdlStatementBuilder Literal(string text)
    {
        _pieces.Add(new DdlPiece(DdlPieceKind.Literal, 0, 0, Literal: text));
        return this;
    }

    public DdlStatementBuilder Table(NameRef name)
    {
        var index = _tables.IndexOf(name.Name);
        if (index < 0)
        {
            index = _tables.Count;
            _tables.Add(name.Name);
        }

        _pieces.Add(new DdlPiece(DdlPieceKind.Table, name.Start, name.End, index));
        return this;
    }

    /// <summary>Source text [start, end) with the given names (in order, inside the range) as slots.</summary>
    public DdlStatementBuilder SourceWithTables(int start, int end, IEnumerable<NameRef> names)
    {
        var at = start;
        foreach (var name in names)
        {
            Source(at, name.Start);
            Table(name);
            at = name.End;
        }

        return Source(at, end);
    }

    public DdlStatementBuilder Schema(string schema, int start, int end)
    {
        _schema = schema;
        _pieces.Add(new DdlPiece(DdlPieceKind.Schema, start, end));
        return this;
    }

    public DdlStatementBuilder ImpliedSchema(string schema)
    {
        _schema = schema;
        _pieces.Add(new DdlPiece(DdlPieceKind.ImpliedSchema, 0, 0));
        return this;
    }

    public DdlStatement Build(DdlKind kind) => new(kind, source, [.. _pieces], _tables.ToArray(), _schema, null);

    /// <summary>A statement kept whole with no name slots: not DDL, unknown, or DDL naming nothing routable.</summary>
    public static DdlStatement Whole(DdlKind kind, string source, string? reason = null) =>
        new(kind, source, [new DdlPiece(DdlPieceKind.Source, 0, source.Length)], [], null, reason);
}
