namespace Sluice.Replication.Ddl;

/// <summary>
/// One significant token of a statement: comments and whitespace are not tokens. <see cref="Comment"/> numbers
/// the executable comment (<c>/*!50100 … */</c>, <c>/*M!100100 … */</c>) the token sits in, 0 outside any, so a
/// name is never rewritten across a comment's edge.
/// </summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int End, int Comment)
{
    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;
}
