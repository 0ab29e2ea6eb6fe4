namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>A statement the target answered with an error: which one, around the server's exception.</summary>
internal sealed class FailedStatementException : Exception
{
    private const int ShownChars = 400;

    public FailedStatementException(string statement, Exception inner)
        : base($"{Shorten(statement)}: {inner.Message}", inner)
    {
        Statement = Shorten(statement);
    }

    /// <summary>The statement, cut after a few hundred characters: a multi-row INSERT may be megabytes long.</summary>
    public string Statement { get; }

    private static string Shorten(string statement) =>
        statement.Length <= ShownChars ? statement : string.Concat(statement.AsSpan(0, ShownChars), "…");
}
