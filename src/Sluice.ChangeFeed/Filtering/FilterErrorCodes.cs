namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// TiCDC's error codes for filter, event filter and column selector problems, carried by the
/// <see cref="ChangefeedException"/>s this namespace throws.
/// </summary>
/// <remarks>https://github.com/pingcap/tiflow/blob/master/pkg/errors/cdc_errors.go</remarks>
public static class FilterErrorCodes
{
    /// <summary>A matcher or rule breaks the table-filter syntax, or an ignore_sql is not a regular expression.</summary>
    public const string FilterRuleInvalid = "CDC:ErrFilterRuleInvalid";

    /// <summary>An ignore_event name TiCDC does not list.</summary>
    public const string InvalidIgnoreEventType = "CDC:ErrInvalidIgnoreEventType";

    /// <summary>An ignore_*_value_expr that does not parse.</summary>
    public const string ExpressionParseFailed = "CDC:ErrExpressionParseFailed";

    /// <summary>An ignore_*_value_expr names a column a matched table lacks.</summary>
    public const string ExpressionColumnNotFound = "CDC:ErrExpressionColumnNotFound";

    /// <summary>Evaluating an expression on a row failed (a value out of range, a bad regular expression).</summary>
    public const string FailedToFilterDml = "CDC:ErrFailedToFilterDML";

    /// <summary>A column selector would leave out a column that identifies rows.</summary>
    public const string ColumnSelectorFailed = "CDC:ErrColumnSelectorFailed";
}
