using System.Text;
using Sluice.Replication.Filtering;
using Sluice.Replication.Routing;

namespace Sluice.Replication.Ddl;

/// <summary>
/// One statement of a binlog QUERY event as the sync unit handles it: its kind, the tables and database it
/// touches, and its text as a template whose names can be routed. A statement DM splits (DROP TABLE a, b;
/// RENAME TABLE a TO b, c TO d; ALTER TABLE … , RENAME TO …) comes out of <see cref="DdlParser.Parse"/> as several
/// of these, each with its own tables, so a filter can drop one part.
/// </summary>
public sealed class DdlStatement
{
    private readonly string _source;
    private readonly DdlPiece[] _pieces;

    internal DdlStatement(DdlKind kind, string source, DdlPiece[] pieces, IReadOnlyList<TableName> tables, string? schema, string? reason)
    {
        Kind = kind;
        _source = source;
        _pieces = pieces;
        Tables = tables;
        Schema = schema;
        Reason = reason;
        Sql = Render(static (_, original) => original, static (_, original) => original, implied: null);
    }

    public DdlKind Kind { get; }

    /// <summary>Whether this is DDL to apply or filter (see <see cref="DdlKindExtensions.IsDdl"/>).</summary>
    public bool IsDdl => Kind.IsDdl();

    /// <summary>
    /// Every table the statement names, in statement order and without repeats, unqualified ones in the current
    /// schema: for a rename the old name then the new one; for CREATE TABLE … LIKE the new table then the model;
    /// foreign keys' referenced tables; for views the view then the tables its SELECT reads.
    /// </summary>
    public IReadOnlyList<TableName> Tables { get; }

    /// <summary>The database of CREATE/DROP/ALTER DATABASE (for ALTER DATABASE without a name, the current one).</summary>
    public string? Schema { get; }

    /// <summary>Why the statement is <see cref="DdlKind.Unknown"/>; null otherwise.</summary>
    public string? Reason { get; }

    /// <summary>This statement's text with names as the source wrote them: the whole query, or this part of a split one.</summary>
    public string Sql { get; }

    /// <summary>
    /// The statement to run on the target: every table and database name replaced by its routed one, fully
    /// qualified and backtick-quoted; all other text kept as it was.
    /// </summary>
    /// <exception cref="InvalidOperationException">The statement is <see cref="DdlKind.Unknown"/> or
    /// <see cref="DdlKind.NotDdl"/>: there is nothing to route.</exception>
    /// <exception cref="RouteConflictException">Thrown by the router's functions, passed through.</exception>
    public string Rewrite(Func<TableName, TableName> route, Func<string, string> routeSchema)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(routeSchema);
        if (Kind is DdlKind.Unknown or DdlKind.NotDdl)
        {
            throw new InvalidOperationException($"A statement of kind {Kind} cannot be rewritten: {Reason ?? Sql}");
        }

        var schema = Schema is null ? null : SqlLexer.Quote(routeSchema(Schema));
        return Render(
            (table, _) =>
            {
                var routed = route(Tables[table]);
                return SqlLexer.Quote(routed.Schema) + "." + SqlLexer.Quote(routed.Table);
            },
            (_, _) => schema!,
            implied: schema);
    }

    /// <summary>The statement routed by a <see cref="TableRouter"/>.</summary>
    /// <exception cref="InvalidOperationException">As for <see cref="Rewrite(Func{TableName, TableName}, Func{string, string})"/>.</exception>
    public string Rewrite(TableRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        return Rewrite(router.Route, router.RouteSchema);
    }

    public override string ToString() => Kind == DdlKind.Unknown ? $"{Kind} ({Reason}): {Sql}" : $"{Kind}: {Sql}";

    private string Render(Func<int, string, string> table, Func<int, string, string> schema, string? implied)
    {
        var text = new StringBuilder(_source.Length + 32);
        foreach (var piece in _pieces)
        {
            switch (piece.Kind)
            {
                case DdlPieceKind.Source:
                    text.Append(_source, piece.Start, piece.End - piece.Start);
                    break;
                case DdlPieceKind.Literal:
                    text.Append(piece.Literal);
                    break;
                case DdlPieceKind.Table:
                    text.Append(table(piece.Table, _source[piece.Start..piece.End]));
                    break;
                case DdlPieceKind.Schema:
                    text.Append(schema(0, _source[piece.Start..piece.End]));
                    break;
                case DdlPieceKind.ImpliedSchema when implied is not null:
                    text.Append(' ').Append(implied);
                    break;
                default:
                    break;
            }
        }

        return text.ToString();
    }
}
