namespace Sluice.Replication.Expressions;

/// <summary>
/// The one exception the expression filter throws: an expression that does not parse, names an unknown column or
/// function, or fails while evaluating where MySQL fails too (an integer out of range, a bad regular expression).
/// </summary>
public sealed class SqlExpressionException : Exception
{
    public SqlExpressionException()
    {
    }

    public SqlExpressionException(string message)
        : base(message)
    {
    }

    public SqlExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Where in the expression text the problem was found, when it is known.</summary>
    public int? Position { get; init; }
}
