namespace Sluice.Replication.Expressions;

internal enum SqlTokenKind
{
    End,
    Integer,
    Decimal,
    Float,
    String,
    Identifier,
    QuotedIdentifier,
    Symbol,
}

/// <summary>One token of an expression; <see cref="Text"/> is the unescaped value for strings and quoted names.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, string Text, int Position)
{
    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;

    /// <summary>An unquoted word equal to <paramref name="keyword"/> without regard to case.</summary>
    public bool IsKeyword(string keyword) =>
        Kind == SqlTokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}
