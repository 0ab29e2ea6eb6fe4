using System.Text.RegularExpressions;

namespace Sluice.Replication.Filtering;

/// <summary>
/// DM's binlog event filter: decides, from a task's <c>filters:</c> rules, whether an event (a row change or a DDL
/// statement) on a table is replicated, ignored, or stops the task. Immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// <para>Semantics of https://docs.pingcap.com/tidb/stable/dm-binlog-event-filter, as DM's filter applies them:</para>
/// <list type="number">
/// <item>The rules that apply to a table are the schema-level rules (no table-pattern) whose schema-pattern matches,
/// then the table-level rules whose schema- and table-pattern both match. A schema-only statement (CREATE
/// DATABASE) has an empty table name, which a table-pattern of <c>*</c> matches. No applicable rule: apply.</item>
/// <item>Each applicable rule is read in turn. Its events: a matching event with action Ignore (or Error) decides
/// Ignore (or Error) at once; a non-matching event under a Do rule decides Ignore at once. Then, for a statement
/// with text, its sql-pattern (if it has one) in the same way. A rule that decides nothing passes to the next.</item>
/// <item>So Ignore wins over Do, and a Do rule lets through only what it names. An event of an unknown kind is
/// judged by sql-pattern alone.</item>
/// </list>
/// <para>
/// The order only matters between Ignore and Error; it is DM's rule-tree order: schema-level rules first, then
/// patterns compared token by token (<c>*</c> before <c>?</c> before <c>[…]</c> before a literal, and a pattern
/// that ends before one that goes on). With <c>caseSensitive</c> false, patterns and names compare without case;
/// sql-pattern is always case-insensitive, and runs on .NET's non-backtracking (linear-time) engine like DM's RE2.
/// </para>
/// </remarks>
public sealed class BinlogEventFilter
{
    private readonly CompiledRule[] _schemaRules;
    private readonly CompiledRule[] _tableRules;

    /// <exception cref="ArgumentException">A rule has no schema-pattern, a bad sql-pattern, or the same patterns as
    /// an earlier rule (DM keeps only the first and logs an error; here that is refused).</exception>
    public BinlogEventFilter(IEnumerable<BinlogFilterRule> rules, bool caseSensitive)
    {
        ArgumentNullException.ThrowIfNull(rules);
        CaseSensitive = caseSensitive;
        var compiled = new List<CompiledRule>();
        var seen = new Dictionary<(string, string), string>();
        var index = 0;
        foreach (var rule in rules)
        {
            var current = Compile(rule ?? throw new ArgumentException("A binlog event filter rule is null."), index++, caseSensitive);
            if (!seen.TryAdd((current.SchemaKey, current.TableKey), current.Rule.Name))
            {
                throw new ArgumentException(
                    $"Binlog event filter rules \"{seen[(current.SchemaKey, current.TableKey)]}\" and \"{rule.Name}\" have the same " +
                    $"schema-pattern \"{rule.SchemaPattern}\" and table-pattern \"{rule.TablePattern}\".");
            }

            compiled.Add(current);
        }

        compiled.Sort(CompareInTreeOrder);
        _schemaRules = [.. compiled.Where(r => r.Table is null)];
        _tableRules = [.. compiled.Where(r => r.Table is not null)];
    }

    public bool CaseSensitive { get; }

    /// <summary>Decides one event.</summary>
    /// <param name="table">The table; for a statement on a schema (CREATE DATABASE) the table name is empty.</param>
    /// <param name="kind">A concrete kind (never a group name such as <c>all dml</c>).</param>
    /// <param name="sqlText">The statement's text for DDL and other query events; null for row events.</param>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is a group name.</exception>
    /// <exception cref="RegexMatchTimeoutException">An sql-pattern ran past <see cref="NamePattern.RegexMatchTimeout"/>.</exception>
    public FilterDecision Decide(TableName table, BinlogEventKind kind, string? sqlText)
    {
        ArgumentNullException.ThrowIfNull(table.Schema, nameof(table));
        var category = kind.Category();
        var tableName = table.Table ?? "";
        foreach (var rule in _schemaRules)
        {
            if (rule.Schema.IsMatch(table.Schema) && Judge(rule, kind, category, sqlText) is { } decision)
            {
                return decision;
            }
        }

        foreach (var rule in _tableRules)
        {
            if (rule.Schema.IsMatch(table.Schema) && rule.Table!.IsMatch(tableName) && Judge(rule, kind, category, sqlText) is { } decision)
            {
                return decision;
            }
        }

        return FilterDecision.Apply;
    }

    private static FilterDecision? Judge(CompiledRule rule, BinlogEventKind kind, BinlogEventCategory category, string? sqlText)
    {
        var action = rule.Rule.Action;
        if (category != BinlogEventCategory.Unknown)
        {
            var verdict = Verdict(action, MatchesEvent(rule.Rule.Events, kind, category));
            if (verdict is not null)
            {
                return verdict;
            }
        }

        if (!string.IsNullOrEmpty(sqlText) && rule.Sql is not null)
        {
            return Verdict(action, rule.Sql.IsMatch(sqlText));
        }

        return null;
    }

    private static FilterDecision? Verdict(BinlogFilterAction action, bool matched) => (action, matched) switch
    {
        (BinlogFilterAction.Ignore, true) => FilterDecision.Ignore,
        (BinlogFilterAction.Error, true) => FilterDecision.Error,
        (BinlogFilterAction.Do, false) => FilterDecision.Ignore,
        _ => null,
    };

    /// <summary>DM reads a rule's events in order; the first that settles the question wins, so
    /// <c>[none, insert]</c> matches nothing and <c>[insert, none]</c> matches inserts.</summary>
    private static bool MatchesEvent(IReadOnlyList<BinlogEventKind> events, BinlogEventKind kind, BinlogEventCategory category)
    {
        var ddl = category is BinlogEventCategory.Ddl or BinlogEventCategory.IncompatibleDdl;
        foreach (var name in events)
        {
            switch (name)
            {
                case BinlogEventKind.All:
                    return true;
                case BinlogEventKind.None:
                    return false;
                case BinlogEventKind.AllDdl when ddl:
                    return true;
                case BinlogEventKind.NoneDdl when ddl:
                    return false;
                case BinlogEventKind.AllDml when category == BinlogEventCategory.Dml:
                    return true;
                case BinlogEventKind.NoneDml when category == BinlogEventCategory.Dml:
                    return false;
                case BinlogEventKind.IncompatibleDdlChanges when category == BinlogEventCategory.IncompatibleDdl:
                    return true;
                default:
                    if (name == kind)
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static CompiledRule Compile(BinlogFilterRule rule, int index, bool caseSensitive)
    {
        var label = string.IsNullOrEmpty(rule.Name) ? $"#{index + 1}" : $"\"{rule.Name}\"";
        if (string.IsNullOrEmpty(rule.SchemaPattern))
        {
            throw new ArgumentException($"Binlog event filter rule {label} has no schema-pattern.");
        }

        if (!Enum.IsDefined(rule.Action))
        {
            throw new ArgumentException($"Binlog event filter rule {label} has no valid action (Do, Ignore or Error).");
        }

        foreach (var kind in rule.Events ?? [])
        {
            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentException($"Binlog event filter rule {label} has an unknown event {(int)kind}.");
            }
        }

        Regex? sql = null;
        if (rule.SqlPattern is { Count: > 0 })
        {
            // DM joins the expressions into one alternation and compiles it with (?i).
            var pattern = string.Join("|", rule.SqlPattern);
            try
            {
                sql = new Regex(
                    pattern,
                    RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking,
                    NamePattern.RegexMatchTimeout);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                throw new ArgumentException($"Binlog event filter rule {label} has an invalid sql-pattern: {e.Message}", e);
            }
        }

        var schemaKey = caseSensitive ? rule.SchemaPattern : rule.SchemaPattern.ToLowerInvariant();
        var tableKey = string.IsNullOrEmpty(rule.TablePattern) ? "" : caseSensitive ? rule.TablePattern : rule.TablePattern.ToLowerInvariant();
        return new CompiledRule(
            rule with { Events = rule.Events ?? [] },
            index,
            schemaKey,
            tableKey,
            Wildcard.Compile(rule.SchemaPattern, ignoreCase: !caseSensitive),
            tableKey.Length == 0 ? null : Wildcard.Compile(rule.TablePattern!, ignoreCase: !caseSensitive),
            sql);
    }

    private static int CompareInTreeOrder(CompiledRule a, CompiledRule b)
    {
        var level = (a.Table is null ? 0 : 1).CompareTo(b.Table is null ? 0 : 1);
        if (level != 0)
        {
            return level;
        }

        var schema = ComparePatterns(a.SchemaKey, b.SchemaKey);
        if (schema != 0)
        {
            return schema;
        }

        var table = ComparePatterns(a.TableKey, b.TableKey);
        return table != 0 ? table : a.Index.CompareTo(b.Index);
    }

    /// <summary>The order in which DM's rule tree reports two patterns that match the same name.</summary>
    private static int ComparePatterns(string a, string b)
    {
        int i = 0, j = 0;
        while (true)
        {
            if (i >= a.Length || j >= b.Length)
            {
                return (i >= a.Length ? 0 : 1).CompareTo(j >= b.Length ? 0 : 1);
            }

            var (rankA, tokenA, nextA) = Token(a, i);
            var (rankB, tokenB, nextB) = Token(b, j);
            if (rankA != rankB)
            {
                return rankA.CompareTo(rankB);
            }

            var text = string.CompareOrdinal(tokenA, tokenB);
            if (text != 0)
            {
                return text;
            }

            i = nextA;
            j = nextB;
        }
    }

    private static (int Rank, string Text, int Next) Token(string pattern, int at) => pattern[at] switch
    {
        '*' => (0, "*", at + 1),
        '?' => (1, "?", at + 1),
        '[' when pattern.IndexOf(']', at + 1) is var close and > 0 => (2, pattern[at..(close + 1)], close + 1),
        _ => (3, pattern[at].ToString(), at + 1),
    };

    private sealed record CompiledRule(
        BinlogFilterRule Rule,
        int Index,
        string SchemaKey,
        string TableKey,
        Wildcard Schema,
        Wildcard? Table,
        Regex? Sql);
}
