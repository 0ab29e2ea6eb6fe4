namespace Sluice.Replication.Ddl;

internal enum DdlPieceKind
{
    /// <summary>Source text [Start, End) copied as is.</summary>
    Source,

    /// <summary>Fixed text, for the joints of split statements.</summary>
    Literal,

    /// <summary>The table <see cref="DdlPiece.Table"/> of the statement, written at source text [Start, End).</summary>
    Table,

    /// <summary>The statement's schema, written at source text [Start, End).</summary>
    Schema,

    /// <summary>The statement's schema where the source left it implicit (ALTER DATABASE without a name).</summary>
    ImpliedSchema,
}

/// <summary>One piece of a statement's text: kept source text, or a name slot the rewrite fills.</summary>
internal readonly record struct DdlPiece(DdlPieceKind Kind, int Start, int End, int Table = -1, string? Literal = null);
