using System.Text.RegularExpressions;

namespace Sluice.Replication.Expressions;

/// <summary>A node of a parsed expression. Nodes are immutable; evaluation allocates only the values it makes.</summary>
internal abstract class SqlNode
{
    public abstract object? Evaluate(in SqlRow row);
}

internal sealed class LiteralNode(object? value) : SqlNode
{
    public object? Value { get; } = value;

    public override object? Evaluate(in SqlRow row) => Value;
}

internal sealed class ColumnNode(string name, int slot) : SqlNode
{
    public string Name { get; } = name;

    public override object? Evaluate(in SqlRow row) => row[slot];
}

internal sealed class UnaryNode(Func<object?, object?> op, SqlNode operand) : SqlNode
{
    public override object? Evaluate(in SqlRow row) => op(operand.Evaluate(row));
}

internal sealed class BinaryNode(Func<object?, object?, object?> op, SqlNode left, SqlNode right) : SqlNode
{
    public override object? Evaluate(in SqlRow row) => op(left.Evaluate(row), right.Evaluate(row));
}

/// <summary>AND: false if either side is false, else null if either is null, else true.</summary>
internal sealed class AndNode(SqlNode left, SqlNode right) : SqlNode
{
    public override object? Evaluate(in SqlRow row)
    {
        var l = SqlValues.Truth(left.Evaluate(row));
        if (l == false)
        {
            return SqlValues.False;
        }

        var r = SqlValues.Truth(right.Evaluate(row));
        return r == false ? SqlValues.False : l is null || r is null ? null : SqlValues.True;
    }
}

/// <summary>OR: true if either side is true, else null if either is null, else false.</summary>
internal sealed class OrNode(SqlNode left, SqlNode right) : SqlNode
{
    public override object? Evaluate(in SqlRow row)
    {
        var l = SqlValues.Truth(left.Evaluate(row));
        if (l == true)
        {
            return SqlValues.True;
        }

        var r = SqlValues.Truth(right.Evaluate(row));
        return r == true ? SqlValues.True : l is null || r is null ? null : SqlValues.False;
    }
}

internal enum IsKind
{
    Null,
    True,
    False,
}

/// <summary>IS [NOT] NULL / TRUE / FALSE / UNKNOWN: never null itself.</summary>
internal sealed class IsNode(SqlNode operand, IsKind kind, bool negated) : SqlNode
{
    public override object? Evaluate(in SqlRow row)
    {
        var value = operand.Evaluate(row);
        var result = kind switch
        {
            IsKind.Null => value is null,
            IsKind.True => SqlValues.Truth(value) == true,
            _ => SqlValues.Truth(value) == false,
        };
        return SqlValues.Bool(result != negated);
    }
}

/// <summary>[NOT] IN: true on an equal item; otherwise null if the operand or any item is null.</summary>
internal sealed class InNode(SqlNode operand, SqlNode[] items, bool negated) : SqlNode
{
    public override object? Evaluate(in SqlRow row)
    {
        var value = operand.Evaluate(row);
        if (value is null)
        {
            return null;
        }

        var sawNull = false;
        foreach (var item in items)
        {
            switch (SqlComparison.Compare(value, item.Evaluate(row)))
            {
                case 0:
                    return SqlValues.Bool(!negated);
                case null:
                    sawNull = true;
                    break;
            }
        }

        return sawNull ? null : SqlValues.Bool(negated);
    }
}

/// <summary>[NOT] BETWEEN: <c>low &lt;= x AND x &lt;= high</c> in three-valued logic.</summary>
internal sealed class BetweenNode(SqlNode operand, SqlNode low, SqlNode high, bool negated) : SqlNode
{
    public override object? Evaluate(in SqlRow row)
    {
        var value = operand.Evaluate(row);
        var lower = SqlComparison.Compare(value, low.Evaluate(row)) is { } c1 ? c1 >= 0 : (bool?)null;
        var upper = SqlComparison.Compare(value, high.Evaluate(row)) is { } c2 ? c2 <= 0 : (bool?)null;
        bool? result = lower == false || upper == false ? false : lower is null || upper is null ? null : true;
        return result is null ? null : SqlValues.Bool(result.Value != negated);
    }
}

/// <summary>[NOT] LIKE pattern [ESCAPE c].</summary>
internal sealed class LikeNode(SqlNode operand, SqlNode pattern, SqlNode? escape, bool negated) : SqlNode
{
    public override object? Evaluate(in SqlRow row)
    {
        var value = operand.Evaluate(row);
        var p = pattern.Evaluate(row);
        if (value is null || p is null)
        {
            return null;
        }

        var escapeChar = '\\';
        if (escape is not null)
        {
            var e = escape.Evaluate(row);
            var text = e is null ? "" : SqlValues.ToText(e);
            if (text.Length > 1)
            {
                throw new SqlExpressionException("Incorrect arguments to ESCAPE.");
            }

            escapeChar = text.Length == 0 ? '\\' : text[0];
        }

        return SqlValues.Bool(SqlLike.IsMatch(SqlValues.ToText(value), SqlValues.ToText(p), escapeChar) != negated);
    }
}

/// <summary>
/// [NOT] REGEXP / RLIKE: a search (not anchored), without case as under a <c>_ci</c> collation, on .NET's
/// non-backtracking engine (linear time; no backreferences or lookaround, like TiDB's RE2).
/// </summary>
internal sealed class RegexpNode(SqlNode operand, SqlNode pattern, bool negated) : SqlNode
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private readonly Regex? _constant = pattern is LiteralNode { Value: { } p } ? Compile(SqlValues.ToText(p)) : null;

    public override object? Evaluate(in SqlRow row)
    {
        var value = operand.Evaluate(row);
        var p = _constant is null ? pattern.Evaluate(row) : null;
        if (value is null || (_constant is null && p is null))
        {
            return null;
        }

        var regex = _constant ?? Compile(SqlValues.ToText(p!));
        try
        {
            return SqlValues.Bool(regex.IsMatch(SqlValues.ToText(value)) != negated);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new SqlExpressionException("A regular expression took too long.", e);
        }
    }

    private static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Timeout);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new SqlExpressionException($"Invalid regular expression '{pattern}': {e.Message}", e);
        }
    }
}

internal sealed class FunctionNode(Func<object?[], object?> function, SqlNode[] arguments) : SqlNode
{
    public override object? Evaluate(in SqlRow row)
    {
        var values = new object?[arguments.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = arguments[i].Evaluate(row);
        }

        return function(values);
    }
}

/// <summary>IF(cond, then, else): only the chosen branch is evaluated.</summary>
internal sealed class IfNode(SqlNode condition, SqlNode then, SqlNode otherwise) : SqlNode
{
    public override object? Evaluate(in SqlRow row) =>
        SqlValues.Truth(condition.Evaluate(row)) == true ? then.Evaluate(row) : otherwise.Evaluate(row);
}

/// <summary>COALESCE and IFNULL: the first argument that is not null.</summary>
internal sealed class CoalesceNode(SqlNode[] arguments) : SqlNode
{
    public override object? Evaluate(in SqlRow row)
    {
        foreach (var argument in arguments)
        {
            if (argument.Evaluate(row) is { } value)
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary>CASE [operand] WHEN … THEN … [ELSE …] END.</summary>
internal sealed class CaseNode(SqlNode? operand, (SqlNode When, SqlNode Then)[] branches, SqlNode? otherwise) : SqlNode
{
    public override object? Evaluate(in SqlRow row)
    {
        var value = operand?.Evaluate(row);
        foreach (var (when, then) in branches)
        {
            var matched = operand is null
                ? SqlValues.Truth(when.Evaluate(row)) == true
                : SqlComparison.Compare(value, when.Evaluate(row)) == 0;
            if (matched)
            {
                return then.Evaluate(row);
            }
        }

        return otherwise?.Evaluate(row);
    }
}
