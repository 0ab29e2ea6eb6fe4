namespace Sluice.Replication.Ddl;

internal enum SqlTokenKind
{
    /// <summary>A bare word: a keyword, an unquoted identifier or a number.</summary>
    Word,

    /// <summary>A backtick-quoted identifier (or a double-quoted one under ANSI_QUOTES).</summary>
    QuotedIdentifier,

    /// <summary>A string literal, '…' or "…".</summary>
    String,

    /// <summary>Any other single character: <c>. , ( ) ; = @</c> and operators.</summary>
    Punctuation,
}
