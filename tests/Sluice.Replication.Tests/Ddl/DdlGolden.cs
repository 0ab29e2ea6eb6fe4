using Sluice.Replication.Ddl;
using Sluice.Replication.Routing;

namespace Sluice.Replication.Tests.Ddl;

/// <summary>The route the golden cases use and how a parse result prints, one line per statement.</summary>
internal static class DdlGolden
{
    /// <summary>Shards merge: shard_*.t_* into merged.t, every other table of a shard schema into merged.</summary>
    public static readonly TableRouter Router = new(
        [
            new RouteRule("shard_*", "t_*", "merged", "t"),
            new RouteRule("shard_*", null, "merged", null),
        ],
        caseSensitive: false);

    /// <summary><c>Kind [tables] db=schema =&gt; rewritten</c> per statement; NotDdl and Unknown print their kind only.</summary>
    public static string Describe(IReadOnlyList<DdlStatement> statements) =>
        string.Join("\n", statements.Select(Describe));

    private static string Describe(DdlStatement statement)
    {
        if (statement.Kind is DdlKind.Unknown or DdlKind.NotDdl)
        {
            return statement.Kind.ToString();
        }

        var schema = statement.Schema is null ? "" : $" db={statement.Schema}";
        return $"{statement.Kind} [{string.Join(", ", statement.Tables)}]{schema} => {statement.Rewrite(Router)}";
    }
}
