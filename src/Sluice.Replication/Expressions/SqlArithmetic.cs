namespace Sluice.Replication.Expressions;

/// <summary>
/// MySQL arithmetic: DOUBLE if either side is approximate (strings count as DOUBLE), else DECIMAL if either is
/// DECIMAL, else BIGINT — unsigned when either side is, with out-of-range results an error as in strict MySQL.
/// <c>/</c> on exact numbers gives a DECIMAL with the dividend's scale plus 4 (div_precision_increment); a zero
/// divisor gives NULL.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/arithmetic-functions.html, https://dev.mysql.com/doc/refman/8.0/en/precision-math-expressions.html</remarks>
internal static class SqlArithmetic
{
    private const int DivPrecisionIncrement = 4;

    public static object? Add(object? a, object? b) => Apply(a, b, '+');

    public static object? Subtract(object? a, object? b) => Apply(a, b, '-');

    public static object? Multiply(object? a, object? b) => Apply(a, b, '*');

    public static object? Divide(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        var x = SqlValues.ToNumber(a);
        var y = SqlValues.ToNumber(b);
        if (x is double || y is double)
        {
            var divisor = SqlValues.ToDouble(y);
            return divisor == 0 ? null : CheckDouble(SqlValues.ToDouble(x) / divisor, a, b, '/');
        }

        var dy = SqlValues.ToDecimal(y);
        if (dy == 0)
        {
            return null;
        }

        var dx = SqlValues.ToDecimal(x);
        var scale = (x is decimal d ? d.Scale : 0) + DivPrecisionIncrement;
        return Decimal(() => SqlValues.WithScale(dx / dy, scale));
    }

    /// <summary>DIV: integer division, truncating; DECIMAL or DOUBLE operands are divided first, then truncated.</summary>
    public static object? IntegerDivide(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        var x = SqlValues.ToNumber(a);
        var y = SqlValues.ToNumber(b);
        if (SqlValues.IsInteger(x) && SqlValues.IsInteger(y))
        {
            var iy = SqlComparison.ToInt128(y);
            if (iy == 0)
            {
                return null;
            }

            return Integer(SqlComparison.ToInt128(x) / iy, x is ulong || y is ulong, a, b, "DIV");
        }

        if (x is double || y is double)
        {
            var divisor = SqlValues.ToDouble(y);
            if (divisor == 0)
            {
                return null;
            }

            var q = Math.Truncate(SqlValues.ToDouble(x) / divisor);
            return q is >= -9.2233720368547758E18 and < 9.2233720368547758E18
                ? (long)q
                : throw OutOfRange("BIGINT", a, b, "DIV");
        }

        var dy = SqlValues.ToDecimal(y);
        if (dy == 0)
        {
            return null;
        }

        var t = Decimal(() => decimal.Truncate(SqlValues.ToDecimal(x) / dy));
        return t is >= long.MinValue and <= long.MaxValue ? (long)t : throw OutOfRange("BIGINT", a, b, "DIV");
    }

    /// <summary>% and MOD: the remainder has the dividend's sign.</summary>
    public static object? Modulo(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        var x = SqlValues.ToNumber(a);
        var y = SqlValues.ToNumber(b);
        if (x is double || y is double)
        {
            var divisor = SqlValues.ToDouble(y);
            return divisor == 0 ? null : SqlValues.ToDouble(x) % divisor;
        }

        if (SqlValues.IsInteger(x) && SqlValues.IsInteger(y))
        {
            var iy = SqlComparison.ToInt128(y);
            if (iy == 0)
            {
                return null;
            }

            var r = SqlComparison.ToInt128(x) % iy;
            return x is ulong ? (ulong)r : (object)(long)r;
        }

        var dy = SqlValues.ToDecimal(y);
        return dy == 0 ? null : Decimal(() => SqlValues.ToDecimal(x) % dy);
    }

    public static object? Negate(object? a)
    {
        if (a is null)
        {
            return null;
        }

        return SqlValues.ToNumber(a) switch
        {
            long l when l == long.MinValue => -(decimal)l,
            long l => -l,
            ulong u when u <= 9223372036854775808UL => (long)(-(Int128)u),
            ulong u => -(decimal)u,
            decimal d => -d,
            var d => -(double)d,
        };
    }

    public static object? Abs(object? a)
    {
        if (a is null)
        {
            return null;
        }

        return SqlValues.ToNumber(a) switch
        {
            long l when l == long.MinValue => throw new SqlExpressionException("BIGINT value is out of range in 'abs'."),
            long l => Math.Abs(l),
            ulong u => u,
            decimal d => Math.Abs(d),
            var d => Math.Abs((double)d),
        };
    }

    private static object? Apply(object? a, object? b, char op)
    {
        if (a is null || b is null)
        {
            return null;
        }

        var x = SqlValues.ToNumber(a);
        var y = SqlValues.ToNumber(b);
        if (x is double || y is double)
        {
            double dx = SqlValues.ToDouble(x), dy = SqlValues.ToDouble(y);
            return CheckDouble(op switch { '+' => dx + dy, '-' => dx - dy, _ => dx * dy }, a, b, op);
        }

        if (x is decimal || y is decimal)
        {
            decimal dx = SqlValues.ToDecimal(x), dy = SqlValues.ToDecimal(y);
            return Decimal(() => op switch { '+' => dx + dy, '-' => dx - dy, _ => dx * dy });
        }

        Int128 ix = SqlComparison.ToInt128(x), iy = SqlComparison.ToInt128(y);
        Int128 r;
        try
        {
            r = checked(op switch { '+' => ix + iy, '-' => ix - iy, _ => ix * iy });
        }
        catch (OverflowException)
        {
            throw OutOfRange(x is ulong || y is ulong ? "BIGINT UNSIGNED" : "BIGINT", a, b, op.ToString());
        }

        return Integer(r, x is ulong || y is ulong, a, b, op.ToString());
    }

    private static object Integer(Int128 r, bool unsigned, object a, object b, string op)
    {
        if (unsigned)
        {
            if (r < 0 || r > ulong.MaxValue)
            {
                throw OutOfRange("BIGINT UNSIGNED", a, b, op);
            }

            return ulong.CreateTruncating(r);
        }

        if (r < long.MinValue || r > long.MaxValue)
        {
            throw OutOfRange("BIGINT", a, b, op);
        }

        return long.CreateTruncating(r);
    }

    private static double CheckDouble(double r, object a, object b, char op) =>
        double.IsFinite(r) ? r : throw OutOfRange("DOUBLE", a, b, op.ToString());

    private static decimal Decimal(Func<decimal> compute)
    {
        try
        {
            return compute();
        }
        catch (OverflowException e)
        {
            throw new SqlExpressionException("DECIMAL value is out of range.", e);
        }
    }

    private static SqlExpressionException OutOfRange(string type, object a, object b, string op) =>
        new($"{type} value is out of range in '{SqlValues.ToText(a)} {op} {SqlValues.ToText(b)}'.");
}
