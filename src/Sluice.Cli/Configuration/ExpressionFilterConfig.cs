using Sluice.Replication.Expressions;
using Sluice.Replication.Filtering;

namespace Sluice.Cli.Configuration;

/// <summary>One named entry under <c>expression-filter</c> (DM's ExpressionFilter); each expression is parsed here, so a mistake is reported with its key.</summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/filter-dml-event</remarks>
internal sealed record ExpressionFilterConfig
{
    private static readonly string[] ExpressionKeys = ["insert-value-expr", "update-before-value-expr", "update-after-value-expr", "delete-value-expr"];

    public required ExpressionFilterRule Rule { get; init; }

    public static ExpressionFilterConfig Read(YamlSection yaml)
    {
        var schema = yaml.String("schema");
        var table = yaml.String("table");
        var expressions = ExpressionKeys.ToDictionary(k => k, yaml.String);
        yaml.Finish();
        if (string.IsNullOrEmpty(schema))
            throw yaml.Error("schema", "missing: an expression filter names its source schema");
        if (string.IsNullOrEmpty(table))
            throw yaml.Error("table", "missing: an expression filter names its source table");
        if (expressions.Values.All(string.IsNullOrWhiteSpace))
            throw yaml.Error("give at least one of insert-value-expr, update-before-value-expr, update-after-value-expr, delete-value-expr");
        foreach (var (key, text) in expressions)
        {
            if (string.IsNullOrWhiteSpace(text))
                continue;
            try
            {
                _ = SqlExpression.Parse(text);
            }
            catch (SqlExpressionException ex)
            {
                throw yaml.Error(key, $"'{text}' is not an expression Sluice can evaluate: {ex.Message}");
            }
        }

        return new ExpressionFilterConfig
        {
            Rule = new ExpressionFilterRule
            {
                Schema = schema,
                Table = table,
                InsertValueExpr = expressions["insert-value-expr"],
                UpdateBeforeValueExpr = expressions["update-before-value-expr"],
                UpdateAfterValueExpr = expressions["update-after-value-expr"],
                DeleteValueExpr = expressions["delete-value-expr"],
            },
        };
    }
}
