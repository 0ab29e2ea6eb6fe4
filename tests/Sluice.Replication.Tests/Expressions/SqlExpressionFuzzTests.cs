using System.Text;
using Sluice.Replication.Expressions;

namespace Sluice.Replication.Tests.Expressions;

/// <summary>Random and mangled expressions over random rows: the only exception allowed is SqlExpressionException.</summary>
public sealed class SqlExpressionFuzzTests
{
    private static readonly string[] Columns = ["a", "b", "c", "d", "e", "f", "g"];

    private static readonly string[] Binary =
        ["=", "<=>", "!=", "<>", "<", "<=", ">", ">=", "+", "-", "*", "/", "DIV", "%", "MOD", "AND", "&&", "OR", "||", "XOR", "LIKE", "NOT LIKE", "REGEXP"];

    private static readonly string[] Functions =
    [
        "LENGTH", "CHAR_LENGTH", "UPPER", "LOWER", "CONCAT", "CONCAT_WS", "SUBSTRING", "LEFT", "RIGHT", "TRIM", "LTRIM",
        "REPLACE", "LOCATE", "INSTR", "ABS", "ROUND", "FLOOR", "CEIL", "MOD", "GREATEST", "LEAST", "COALESCE", "IFNULL",
        "NULLIF", "IF", "YEAR", "MONTH", "DAY", "DATE", "TRUNCATE",
    ];

    private static readonly string[] Literals =
    [
        "0", "1", "-1", "9223372036854775807", "18446744073709551615", "99999999999999999999999999999999", "1.5", "0.000001",
        "1e308", "-1e-308", "''", "'abc'", "'12abc'", "'%'", "'_'", "'['", "'(a'", "'2024-02-30'", "'2024-01-01 10:00:00'",
        "NULL", "TRUE", "FALSE", "' '", "'\\\\'", "'😀'",
    ];

    private static readonly string[] Casts =
        ["SIGNED", "UNSIGNED", "DECIMAL(65,30)", "DECIMAL(5,2)", "CHAR", "CHAR(2)", "BINARY", "DATE", "DATETIME(6)", "DOUBLE"];

    private static readonly object?[] Values =
    [
        null, 0L, -1L, long.MinValue, long.MaxValue, ulong.MaxValue, 0UL, 0m, 79228162514264337593543950335m, -1.5m, 0.0,
        double.MaxValue, -double.Epsilon, "", "abc", "  12.5e3xyz", "😀é", new byte[] { 0, 255 }, DateTime.MinValue,
        DateTime.MaxValue, new DateOnly(2024, 2, 29), TimeSpan.FromHours(-838), true, 3.5f, 'x',
    ];

    [Fact]
    public void Random_expressions_throw_only_the_documented_exception()
    {
        var random = new Random(20240304);
        var failures = new List<string>();
        for (var n = 0; n < 20000; n++)
        {
            var text = Generate(random, 0);
            if (n % 2 == 1)
            {
                text = Mangle(random, text);
            }

            var row = Columns.Select(_ => Values[random.Next(Values.Length)]).ToArray();
            try
            {
                var bound = SqlExpression.Parse(text).Bind(Columns);
                _ = bound.Evaluate(row);
                _ = bound.IsTrue(row);
            }
            catch (SqlExpressionException)
            {
            }
#pragma warning disable CA1031 // The point of the test is to catch whatever escapes.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add($"{text} with ({string.Join(", ", row.Select(v => v?.ToString() ?? "NULL"))}): {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public void Deep_nesting_is_refused_without_overflowing_the_stack()
    {
        var deep = new string('(', 100_000) + "1" + new string(')', 100_000);
        var negations = string.Concat(Enumerable.Repeat("NOT ", 100_000)) + "1";
        var minus = string.Concat(Enumerable.Repeat("- ", 100_000)) + "1";

        Assert.Throws<SqlExpressionException>(() => SqlExpression.Parse(deep));
        Assert.Throws<SqlExpressionException>(() => SqlExpression.Parse(negations));
        Assert.Throws<SqlExpressionException>(() => SqlExpression.Parse(minus));
    }

    private static string Generate(Random random, int depth)
    {
        if (depth > 4 || random.Next(4) == 0)
        {
            return random.Next(3) == 0 ? Columns[random.Next(Columns.Length)] : Literals[random.Next(Literals.Length)];
        }

        string Sub() => Generate(random, depth + 1);
        return random.Next(12) switch
        {
            0 or 1 or 2 => $"{Sub()} {Binary[random.Next(Binary.Length)]} {Sub()}",
            3 => $"NOT {Sub()}",
            4 => $"-{Sub()}",
            5 => $"{Sub()} IS {(random.Next(2) == 0 ? "NOT " : "")}{new[] { "NULL", "TRUE", "FALSE" }[random.Next(3)]}",
            6 => $"{Sub()} {(random.Next(2) == 0 ? "NOT " : "")}IN ({Sub()}, {Sub()})",
            7 => $"{Sub()} BETWEEN {Sub()} AND {Sub()}",
            8 => $"CASE WHEN {Sub()} THEN {Sub()} ELSE {Sub()} END",
            9 => $"CAST({Sub()} AS {Casts[random.Next(Casts.Length)]})",
            10 => $"({Sub()})",
            _ => $"{Functions[random.Next(Functions.Length)]}({string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Sub()))})",
        };
    }

    private static string Mangle(Random random, string text)
    {
        var builder = new StringBuilder(text);
        for (var i = random.Next(1, 4); i > 0 && builder.Length > 0; i--)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(3))
            {
                case 0:
                    builder.Remove(at, 1);
                    break;
                case 1:
                    builder.Insert(at, "()'`,.\\-+*/%!<>=\"#e"[random.Next(19)]);
                    break;
                default:
                    builder[at] = (char)random.Next(32, 127);
                    break;
            }
        }

        return builder.ToString();
    }
}
