using Sluice.Replication.Expressions;

namespace Sluice.Replication.Tests.Expressions;

public sealed class SqlExpressionTests
{
    private static readonly string[] Columns = ["a", "b", "c", "d", "n", "u", "dt", "dd"];

    private static readonly object?[] Row =
    [
        7L, "Hello World", 12.50m, 2.5, null, 18446744073709551615UL, new DateTime(2024, 3, 4, 5, 6, 7), new DateOnly(2024, 3, 4),
    ];

    private static string? Eval(string expression) =>
        SqlExpression.FormatValue(SqlExpression.Parse(expression).Bind(Columns).Evaluate(Row));

    [Theory]
    // Three-valued logic.
    [InlineData("n = 1", null)]
    [InlineData("n <=> NULL", "1")]
    [InlineData("a <=> NULL", "0")]
    [InlineData("n AND 0", "0")]
    [InlineData("n AND 1", null)]
    [InlineData("n OR 1", "1")]
    [InlineData("n OR 0", null)]
    [InlineData("n XOR 1", null)]
    [InlineData("NOT n", null)]
    [InlineData("! 0", "1")]
    [InlineData("1 && 0 || 1", "1")]
    [InlineData("n IS NULL", "1")]
    [InlineData("n IS NOT NULL", "0")]
    [InlineData("a IS TRUE", "1")]
    [InlineData("n IS NOT FALSE", "1")]
    [InlineData("0 IS FALSE", "1")]
    // Comparisons and coercion.
    [InlineData("a = 7", "1")]
    [InlineData("a = '7'", "1")]
    [InlineData("a = '7abc'", "1")]
    [InlineData("b = 'hello world  '", "1")] // _ci and PAD SPACE
    [InlineData("b = 'hello world!'", "0")]
    [InlineData("'a' = 'Á'", "1")]
    [InlineData("'abc' < 'ABD'", "1")]
    [InlineData("c = 12.5", "1")]
    [InlineData("c > 12.49", "1")]
    [InlineData("d = 2.5", "1")]
    [InlineData("u > a", "1")]
    [InlineData("u = 18446744073709551615", "1")]
    [InlineData("dt = '2024-03-04 05:06:07'", "1")]
    [InlineData("dt > '2024-03-04'", "1")]
    [InlineData("dd = '2024-03-04'", "1")]
    [InlineData("dd = 20240304", "1")]
    [InlineData("a <> 7", "0")]
    [InlineData("a != 8", "1")]
    [InlineData("a IN (1, 7, n)", "1")]
    [InlineData("a IN (1, n)", null)]
    [InlineData("a NOT IN (1, 2)", "1")]
    [InlineData("a BETWEEN 1 AND 10", "1")]
    [InlineData("a NOT BETWEEN 1 AND 10", "0")]
    [InlineData("a BETWEEN n AND 5", "0")]
    [InlineData("b LIKE 'hello%'", "1")]
    [InlineData("b LIKE 'h_llo w%D'", "1")]
    [InlineData("b NOT LIKE '%x%'", "1")]
    [InlineData("'a%b' LIKE 'a|%b' ESCAPE '|'", "1")]
    [InlineData("'axb' LIKE 'a\\%b'", "0")]
    [InlineData("b REGEXP '^hel+o'", "1")]
    [InlineData("b RLIKE 'x'", "0")]
    [InlineData("b NOT REGEXP 'x'", "1")]
    // Arithmetic.
    [InlineData("a + 1", "8")]
    [InlineData("a - 10", "-3")]
    [InlineData("a * c", "87.50")]
    [InlineData("a / 2", "3.5000")]
    [InlineData("c / 3", "4.166667")]
    [InlineData("a / 0", null)]
    [InlineData("a DIV 2", "3")]
    [InlineData("a % 4", "3")]
    [InlineData("a MOD 4", "3")]
    [InlineData("-a % 4", "-3")]
    [InlineData("d * 2", "5")]
    [InlineData("'3' + 4", "7")]
    [InlineData("'abc' + 1", "1")]
    [InlineData("0.1e0 + 0.2e0", "0.30000000000000004")]
    [InlineData("1e20 * 1", "1e20")]
    [InlineData("- - 9223372036854775808", "9223372036854775808")]
    [InlineData("2 + 3 * 4", "14")]
    [InlineData("(2 + 3) * 4", "20")]
    [InlineData("NOT 1 = 2", "1")]
    // Functions.
    [InlineData("LENGTH('héllo')", "6")]
    [InlineData("CHAR_LENGTH('héllo')", "5")]
    [InlineData("UPPER(b)", "HELLO WORLD")]
    [InlineData("LCASE(b)", "hello world")]
    [InlineData("CONCAT(b, '!', a)", "Hello World!7")]
    [InlineData("CONCAT(b, n)", null)]
    [InlineData("CONCAT_WS('-', a, n, 'x')", "7-x")]
    [InlineData("SUBSTRING(b, 7)", "World")]
    [InlineData("SUBSTRING(b, -5, 3)", "Wor")]
    [InlineData("SUBSTRING(b FROM 2 FOR 4)", "ello")]
    [InlineData("SUBSTR(b, 0)", "")]
    [InlineData("LEFT(b, 5)", "Hello")]
    [InlineData("RIGHT(b, 5)", "World")]
    [InlineData("TRIM('  x  ')", "x")]
    [InlineData("TRIM(LEADING 'x' FROM 'xxaxx')", "axx")]
    [InlineData("TRIM(TRAILING 'x' FROM 'xxaxx')", "xxa")]
    [InlineData("TRIM('x' FROM 'xxaxx')", "a")]
    [InlineData("LTRIM('  x ')", "x ")]
    [InlineData("RTRIM('  x ')", "  x")]
    [InlineData("REPLACE(b, 'o', '0')", "Hell0 W0rld")]
    [InlineData("LOCATE('WORLD', b)", "7")]
    [InlineData("LOCATE('o', b, 6)", "8")]
    [InlineData("INSTR(b, 'z')", "0")]
    [InlineData("POSITION('l' IN b)", "3")]
    [InlineData("ABS(-3)", "3")]
    [InlineData("ROUND(c)", "13")]
    [InlineData("ROUND(c, 1)", "12.5")]
    [InlineData("ROUND(2.5e0)", "2")]
    [InlineData("ROUND(155, -1)", "160")]
    [InlineData("FLOOR(c)", "12")]
    [InlineData("CEIL(c)", "13")]
    [InlineData("CEILING(-1.5)", "-1")]
    [InlineData("MOD(10, 3)", "1")]
    [InlineData("GREATEST(1, a, 3)", "7")]
    [InlineData("LEAST('b', 'A', 'c')", "A")]
    [InlineData("GREATEST(3, 2.5)", "3.0")]
    [InlineData("GREATEST(1, n)", null)]
    [InlineData("COALESCE(n, n, 3)", "3")]
    [InlineData("IFNULL(n, 'x')", "x")]
    [InlineData("NULLIF(a, 7)", null)]
    [InlineData("NULLIF(a, 8)", "7")]
    [InlineData("IF(a > 5, 'big', 'small')", "big")]
    [InlineData("IF(n, 1, 2)", "2")]
    [InlineData("CASE WHEN a < 5 THEN 'low' WHEN a < 10 THEN 'mid' ELSE 'high' END", "mid")]
    [InlineData("CASE a WHEN 1 THEN 'one' WHEN 7 THEN 'seven' END", "seven")]
    [InlineData("CASE a WHEN 1 THEN 'one' END", null)]
    [InlineData("CAST('12abc' AS SIGNED)", "12")]
    [InlineData("CAST(-1 AS UNSIGNED)", "18446744073709551615")]
    [InlineData("CAST(1.5 AS SIGNED)", "2")]
    [InlineData("CAST(c AS DECIMAL(5,1))", "12.5")]
    [InlineData("CAST(12345.6 AS DECIMAL(4,1))", "999.9")]
    [InlineData("CAST(a AS CHAR)", "7")]
    [InlineData("CAST('2024-1-2' AS DATE)", "2024-01-02")]
    [InlineData("CAST('2024-02-30' AS DATE)", null)]
    [InlineData("CAST('20240102 030405' AS DATETIME)", null)]
    [InlineData("CAST('2024-01-02 03:04:05.9' AS DATETIME)", "2024-01-02 03:04:05")]
    [InlineData("CONVERT(a, CHAR)", "7")]
    [InlineData("YEAR(dt)", "2024")]
    [InlineData("MONTH(dd)", "3")]
    [InlineData("DAY('2024-05-06')", "6")]
    [InlineData("DATE(dt)", "2024-03-04")]
    [InlineData("`a` + `A`", "14")]
    [InlineData("'it''s' = \"it's\"", "1")]
    [InlineData("'a' 'b'", "ab")]
    [InlineData("/* c */ a # trailing\n + 1", "8")]
    public void Evaluates_as_mysql_does(string expression, string? expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("9223372036854775807 + 1", "BIGINT value is out of range")]
    [InlineData("CAST(5 AS UNSIGNED) - 10", "BIGINT UNSIGNED value is out of range")]
    [InlineData("1e308 * 10", "DOUBLE value is out of range")]
    [InlineData("b REGEXP '('", "Invalid regular expression")]
    public void Fails_where_mysql_fails(string expression, string message)
    {
        var e = Assert.Throws<SqlExpressionException>(() => Eval(expression));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a +", "end of expression")]
    [InlineData("a = = 1", "Unexpected '='")]
    [InlineData("(a", "end of expression")]
    [InlineData("'abc", "Unterminated string")]
    [InlineData("NOSUCH(a)", "Unknown function 'NOSUCH'")]
    [InlineData("LEFT(a)", "Incorrect parameter count")]
    [InlineData("IF(a, 1)", "Incorrect parameter count")]
    [InlineData("CAST(a AS BLOB)", "Unsupported CAST type")]
    [InlineData("", "Empty expression")]
    [InlineData("a b", "Unexpected 'b'")]
    public void Parse_errors_say_what_and_where(string expression, string message)
    {
        var e = Assert.Throws<SqlExpressionException>(() => SqlExpression.Parse(expression));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.Position);
    }

    [Fact]
    public void Bind_names_an_unknown_column()
    {
        var expression = SqlExpression.Parse("a = 1 AND missing_col > 2");

        Assert.Equal(["a", "missing_col"], expression.Columns);
        var e = Assert.Throws<SqlExpressionException>(() => expression.Bind(["a", "b"]));
        Assert.Contains("'missing_col'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_maps_columns_by_name_without_case_and_in_any_order()
    {
        var bound = SqlExpression.Parse("ID > 2 AND Name LIKE 'a%'").Bind(["name", "other", "id"]);

        Assert.True(bound.IsTrue(["abc", null, 3L]));
        Assert.False(bound.IsTrue(["abc", null, 2L]));
        Assert.False(bound.IsTrue(["abc", null, null]));
    }

    [Fact]
    public void Row_values_of_other_clr_types_are_accepted()
    {
        var bound = SqlExpression.Parse("i + s + f + b").Bind(["i", "s", "f", "b"]);

        Assert.Equal(13.5, bound.Evaluate([5, (short)3, 4.5f, true]));
    }

    [Fact]
    public void An_unsupported_row_value_is_an_expression_error()
    {
        var bound = SqlExpression.Parse("a = 1").Bind(["a"]);

        Assert.Throws<SqlExpressionException>(() => bound.Evaluate([new object()]));
    }
}
