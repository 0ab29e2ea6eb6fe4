namespace Sluice.Replication.Expressions;

/// <summary>
/// ROUND, TRUNCATE, FLOOR/CEILING and GREATEST/LEAST, which keep the type of their arguments: exact numbers round
/// half away from zero, DOUBLE rounds half to even (the C library's <c>rint</c>, which MariaDB calls).
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/mathematical-functions.html#function_round</remarks>
internal static class SqlRounding
{
    public static object Round(object value, long digits) => Scale(value, digits, truncate: false);

    public static object Truncate(object value, long digits) => Scale(value, digits, truncate: true);

    public static object Floor(object value, bool ceiling)
    {
        switch (SqlValues.ToNumber(value))
        {
            case long or ulong:
                return SqlValues.ToNumber(value);
            case decimal d:
                var r = ceiling ? decimal.Ceiling(d) : decimal.Floor(d);
                return r is >= long.MinValue and <= long.MaxValue ? (long)r : SqlValues.WithScale(r, 0);
            case var other:
                return ceiling ? Math.Ceiling((double)other) : Math.Floor((double)other);
        }
    }

    /// <summary>GREATEST / LEAST over non-null values, compared and returned in the type MySQL picks for the set.</summary>
    public static object Extreme(object?[] values, bool greatest)
    {
        var all = values.Select(v => v!).ToArray();
        if (all.All(SqlValues.IsText) || all.All(SqlValues.IsInteger) || all.Any(SqlValues.IsTemporal))
        {
            return Pick(all, greatest);
        }

        if (all.All(SqlValues.IsExact))
        {
            var scale = all.Max(v => v is decimal d ? d.Scale : 0);
            return SqlValues.WithScale(SqlValues.ToDecimal(Pick(all, greatest)), scale);
        }

        return Pick(all.Select(v => (object)SqlValues.ToDouble(v)).ToArray(), greatest);
    }

    private static object Pick(object[] values, bool greatest)
    {
        var best = values[0];
        for (var i = 1; i < values.Length; i++)
        {
            var c = SqlComparison.Compare(values[i], best) ?? 0;
            if (greatest ? c > 0 : c < 0)
            {
                best = values[i];
            }
        }

        return best;
    }

    private static object Scale(object value, long digits, bool truncate)
    {
        var number = SqlValues.ToNumber(value);
        digits = Math.Clamp(digits, -100, 100);
        switch (number)
        {
            case long or ulong when digits >= 0:
                return number;
            case long or ulong:
                var whole = SqlComparison.ToInt128(number);
                if (-digits > 20)
                {
                    return number is ulong ? 0UL : 0L;
                }

                var factor = Int128.CreateChecked(Math.Pow(10, -digits));
                var quotient = whole / factor;
                var remainder = whole % factor;
                if (!truncate && Int128.Abs(remainder) * 2 >= factor)
                {
                    quotient += Int128.Sign(whole);
                }

                var result = quotient * factor;
                return number is ulong
                    ? result <= ulong.MaxValue ? (ulong)result : throw new SqlExpressionException("BIGINT UNSIGNED value is out of range in 'round'.")
                    : result >= long.MinValue && result <= long.MaxValue ? (long)result : throw new SqlExpressionException("BIGINT value is out of range in 'round'.");
            case decimal d when digits >= 0:
                var scale = (int)Math.Min(digits, 28);
                return SqlValues.WithScale(truncate ? decimal.Round(d, scale, MidpointRounding.ToZero) : decimal.Round(d, scale, MidpointRounding.AwayFromZero), scale);
            case decimal d:
                if (-digits > 28)
                {
                    return 0m;
                }

                var power = (decimal)Math.Pow(10, -digits);
                var units = d / power;
                units = truncate ? decimal.Truncate(units) : decimal.Round(units, 0, MidpointRounding.AwayFromZero);
                try
                {
                    return SqlValues.WithScale(units * power, 0);
                }
                catch (OverflowException e)
                {
                    throw new SqlExpressionException("DECIMAL value is out of range in 'round'.", e);
                }

            default:
                var x = (double)number;
                var p = Math.Pow(10, Math.Abs(digits));
                var scaled = digits >= 0 ? x * p : x / p;
                if (double.IsInfinity(scaled) || double.IsInfinity(p))
                {
                    return digits >= 0 ? x : 0d;
                }

                var rounded = truncate ? Math.Truncate(scaled) : Math.Round(scaled, MidpointRounding.ToEven);
                return digits >= 0 ? rounded / p : rounded * p;
        }
    }
}
