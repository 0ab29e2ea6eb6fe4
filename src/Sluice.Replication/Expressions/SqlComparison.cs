namespace Sluice.Replication.Expressions;

/// <summary>
/// How MySQL compares two values of possibly different types: strings by collation, integers exactly, exact
/// numbers as DECIMAL, temporal values as dates (a string meeting a date is read as one), and anything else —
/// a string meeting a number in particular — as DOUBLE.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/type-conversion.html</remarks>
internal static class SqlComparison
{
    /// <summary>-1, 0 or 1; null when either side is null.</summary>
    public static int? Compare(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        if (SqlValues.IsText(a) && SqlValues.IsText(b))
        {
            return a is byte[] || b is byte[]
                ? SqlCollation.CompareBinary(SqlCollation.ToBytes(a), SqlCollation.ToBytes(b))
                : SqlCollation.Compare((string)a, (string)b);
        }

        if (SqlValues.IsTemporal(a) || SqlValues.IsTemporal(b))
        {
            return CompareTemporal(a, b);
        }

        if (a is long la && b is long lb)
        {
            return la.CompareTo(lb);
        }

        if (SqlValues.IsInteger(a) && SqlValues.IsInteger(b))
        {
            return ((Int128)ToInt128(a)).CompareTo(ToInt128(b));
        }

        if (SqlValues.IsExact(a) && SqlValues.IsExact(b))
        {
            return SqlValues.ToDecimal(a).CompareTo(SqlValues.ToDecimal(b));
        }

        return SqlValues.ToDouble(a).CompareTo(SqlValues.ToDouble(b));
    }

    public static Int128 ToInt128(object value) => value is ulong u ? u : (long)value;

    private static int CompareTemporal(object a, object b)
    {
        if (a is TimeSpan ta && b is TimeSpan tb)
        {
            return ta.CompareTo(tb);
        }

        if (SqlValues.IsTemporal(a) && SqlValues.IsTemporal(b) && a is not TimeSpan && b is not TimeSpan)
        {
            SqlTemporal.TryToDateTime(a, out var da, out _);
            SqlTemporal.TryToDateTime(b, out var db, out _);
            return da.CompareTo(db);
        }

        // A date meeting a string: the string is read as a date; if it is none, both compare as strings.
        var (temporal, other, sign) = SqlValues.IsTemporal(a) ? (a, b, 1) : (b, a, -1);
        if (SqlValues.IsText(other) && temporal is not TimeSpan)
        {
            if (SqlTemporal.TryToDateTime(other, out var parsed, out _))
            {
                SqlTemporal.TryToDateTime(temporal, out var date, out _);
                return sign * date.CompareTo(parsed);
            }

            return sign * SqlCollation.Compare(SqlValues.ToText(temporal), SqlValues.ToText(other));
        }

        // A date meeting a number compares as its YYYYMMDDhhmmss number.
        var number = SqlTemporal.ToNumber(temporal);
        var otherNumber = SqlValues.IsText(other) ? SqlValues.ToNumber(other) : SqlValues.IsTemporal(other) ? SqlTemporal.ToNumber(other) : other;
        return sign * (SqlValues.IsExact(otherNumber)
            ? SqlValues.ToDecimal(number).CompareTo(SqlValues.ToDecimal(otherNumber))
            : SqlValues.ToDouble(number).CompareTo(SqlValues.ToDouble(otherNumber)));
    }
}
