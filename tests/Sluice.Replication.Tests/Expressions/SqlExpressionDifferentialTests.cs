using System.Globalization;
using MySqlConnector;
using Sluice.Replication.Expressions;
using Sluice.Testing;

namespace Sluice.Replication.Tests.Expressions;

/// <summary>
/// Evaluates each expression on the source MariaDB (<c>SELECT CAST((expr) AS CHAR) FROM (SELECT … AS columns) t</c>)
/// and with the evaluator, over the same typed rows, and requires the same text.
/// </summary>
public sealed class SqlExpressionDifferentialTests(MariaDbServers servers)
{
    // Column name, the SQL that gives the parameter its type, and its values per row.
    private static readonly (string Name, string Sql)[] Columns =
    [
        ("i", "CAST({0} AS SIGNED)"),
        ("u", "CAST({0} AS UNSIGNED)"),
        ("d", "CAST({0} AS DECIMAL(10,2))"),
        ("f", "CAST({0} AS DOUBLE)"),
        ("s", "CAST({0} AS CHAR)"),
        ("t", "CAST({0} AS DATETIME)"),
        ("dt", "CAST({0} AS DATE)"),
    ];

    private static readonly object?[][] Rows =
    [
        [7L, 3UL, 12.50m, 2.5, "Hello World", new DateTime(2024, 3, 4, 5, 6, 7), new DateOnly(2024, 3, 4)],
        [-3L, 0UL, -0.75m, -1.25e3, "abc", new DateTime(1999, 12, 31, 23, 59, 59), new DateOnly(2000, 1, 1)],
        [0L, 1000000UL, 0.00m, 0.0, "", new DateTime(2024, 2, 29, 12, 0, 0), new DateOnly(2024, 2, 29)],
        [null, null, null, null, null, null, null],
        [42L, 10UL, 99999999.99m, 1e-7, "12abc", new DateTime(2020, 1, 1, 0, 0, 0), new DateOnly(1970, 1, 1)],
        [2147483647L, 1UL, 1.05m, 3.14159, " 5 ", new DateTime(2038, 1, 19, 3, 14, 7), new DateOnly(2038, 1, 19)],
        [100L, 7UL, 33.33m, 0.1, "\u00C0B\u00C7 d\u00E9f", new DateTime(2001, 2, 3, 4, 5, 6), new DateOnly(2001, 2, 3)],
        [5L, 2UL, 2.50m, 2.5, "a%b_c\\d", new DateTime(2024, 3, 4, 0, 0, 0), new DateOnly(2024, 3, 5)],
        [15L, 4UL, -12.35m, -0.5, "2024-03-04", new DateTime(2024, 3, 4, 0, 0, 0), new DateOnly(2024, 3, 4)],
        [-100L, 99UL, 0.01m, 1234567.875, "ABC  ", new DateTime(1980, 6, 15, 18, 30, 0), new DateOnly(1980, 6, 15)],
    ];

    private static readonly string[] Expressions =
    [
        "i + 1", "i - u", "i * d", "i / 3", "d / 7", "f / 4", "i DIV 4", "i % 4", "d % 3", "f * 2", "-i", "-d",
        "i / 0", "s + 0", "s = 0", "s = 'abc'", "s = 'ABC  '", "s < 'b'", "s LIKE 'a%'", "s LIKE '%\\_%'",
        "s NOT LIKE '_b%'", "s LIKE '%C'", "s REGEXP '^[a-c]'", "i = s", "d = s", "f > d", "i BETWEEN -5 AND 10",
        "i IN (0, 7, 42)", "i IN (1, NULL)", "i NOT IN (1, 2)", "u > i", "i <=> NULL", "i > 0 AND s <> ''",
        "i > 0 OR f < 0", "i XOR u", "NOT i", "!i", "i IS TRUE", "s IS FALSE", "f IS NULL", "f IS NOT NULL",
        "LENGTH(s)", "CHAR_LENGTH(s)", "UPPER(s)", "LOWER(s)", "CONCAT(s, '-', i)", "CONCAT_WS(',', s, i, d)",
        "SUBSTRING(s, 2, 3)", "SUBSTRING(s, -2)", "SUBSTR(s FROM 3)", "LEFT(s, 2)", "RIGHT(s, 3)", "TRIM(s)",
        "LTRIM(s)", "RTRIM(s)", "REPLACE(s, 'b', 'X')", "LOCATE('b', s)", "INSTR(s, 'C')", "ABS(i)", "ABS(d)",
        "ROUND(d)", "ROUND(d, 1)", "ROUND(f, 1)", "ROUND(i, -1)", "ROUND(f)", "FLOOR(d)", "CEIL(f)", "FLOOR(f)",
        "MOD(i, 3)", "GREATEST(i, u, 5)", "LEAST(d, i)", "GREATEST(s, 'b')", "COALESCE(s, 'none')", "IFNULL(i, -1)",
        "NULLIF(i, 7)", "IF(i > 10, 'big', 'small')", "CASE WHEN i < 0 THEN 'neg' WHEN i = 0 THEN 'zero' ELSE 'pos' END",
        "CASE s WHEN 'abc' THEN 1 ELSE 0 END", "CAST(s AS SIGNED)", "CAST(d AS SIGNED)", "CAST(f AS SIGNED)",
        "CAST(i AS UNSIGNED)", "CAST(s AS DECIMAL(10,2))", "CAST(f AS DECIMAL(10,3))", "CAST(i AS CHAR)",
        "CAST(s AS DATE)", "YEAR(t)", "MONTH(dt)", "DAY(t)", "DATE(t)", "t > '2000-01-01'", "dt = '2024-03-04'",
        "t = dt", "dt < 20240101", "dt + 0", "t + 0", "i + d + f", "d * d", "d - i", "u * 2", "u - 1", "f + '1.5'",
        "s IN ('abc', 'x')", "CONCAT(f)", "CONCAT(d)", "i * 1.0", "(i + 1) * (i - 1)", "i > 5 = 1",
    ];

    /// <summary>What both sides give for an expression that fails (a BIGINT out of range, say).</summary>
    private const string Error = "<error>";

    private static readonly object Failed = new();

    [Fact]
    public async Task Agrees_with_mariadb()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await servers.Source.OpenConnectionAsync(ct);
        await using (var names = new MySqlCommand("SET NAMES utf8mb4 COLLATE utf8mb4_general_ci", connection))
        {
            await names.ExecuteNonQueryAsync(ct);
        }

        var bound = Expressions.Select(e => SqlExpression.Parse(e).Bind([.. Columns.Select(c => c.Name)])).ToArray();
        var mismatches = new List<string>();
        var compared = 0;
        foreach (var row in Rows)
        {
            var server = await EvaluateOnServerAsync(connection, row, ct);
            for (var e = 0; e < Expressions.Length; e++)
            {
                object? mine;
                try
                {
                    mine = bound[e].Evaluate(row);
                }
                catch (SqlExpressionException)
                {
                    mine = Failed;
                }

                compared++;
                if (!Same(server[e], mine))
                {
                    mismatches.Add($"{Expressions[e]} with ({string.Join(", ", row.Select(v => SqlExpression.FormatValue(v) ?? "NULL"))}): " +
                        $"server {server[e] ?? "NULL"}, evaluator {(ReferenceEquals(mine, Failed) ? Error : SqlExpression.FormatValue(mine) ?? "NULL")}");
                }
            }
        }

        Assert.True(compared >= 1000, $"only {compared} pairs compared");
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    private static bool Same(string? server, object? mine)
    {
        var text = ReferenceEquals(mine, Failed) ? Error : SqlExpression.FormatValue(mine);
        if (server == text)
        {
            return true;
        }

        // DOUBLE results may differ in the last digit between C's and .NET's printing of the same computation.
        return mine is double && server is not null && text is not null
            && double.TryParse(server, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            && Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(a));
    }

    private static async Task<string?[]> EvaluateOnServerAsync(MySqlConnection connection, object?[] row, CancellationToken ct)
    {
        await using var command = new MySqlCommand { Connection = connection };
        var columns = new List<string>();
        for (var c = 0; c < Columns.Length; c++)
        {
            var parameter = "@p" + c.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(parameter, row[c] switch
            {
                DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                double f => f.ToString("R", CultureInfo.InvariantCulture),
                var v => v,
            });
            columns.Add(string.Format(CultureInfo.InvariantCulture, Columns[c].Sql, parameter) + " AS `" + Columns[c].Name + "`");
        }

        var values = new string?[Expressions.Length];
        for (var e = 0; e < values.Length; e++)
        {
            command.CommandText = $"SELECT CAST(({Expressions[e]}) AS CHAR) FROM (SELECT {string.Join(", ", columns)}) AS t";
            try
            {
                var value = await command.ExecuteScalarAsync(ct);
                values[e] = value is null or DBNull ? null : (string)value;
            }
            catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.DataOutOfRange)
            {
                values[e] = Error;
            }
        }

        return values;
    }
}
