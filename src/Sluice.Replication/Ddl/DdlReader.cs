using Sluice.Replication.Filtering;

namespace Sluice.Replication.Ddl;

/// <summary>A cursor over a statement's tokens with the few grammar pieces every DDL shares: keywords and names.</summary>
/// <remarks>
/// Keywords are bare words compared case-insensitively; a quoted identifier is never a keyword. Every keyword
/// this parser steers by (TABLE, IF, FROM, JOIN, REFERENCES, RENAME, SELECT, WITH, LIKE, ON, …) is reserved in
/// MySQL and MariaDB (https://dev.mysql.com/doc/refman/8.0/en/keywords.html), so a bare word spelling one is
/// never a name.
/// </remarks>
internal sealed class DdlReader(string sql, IReadOnlyList<SqlToken> tokens, string? currentSchema)
{
    public string Sql => sql;

    public IReadOnlyList<SqlToken> Tokens => tokens;

    public int Position { get; set; }

    public bool AtEnd => Position >= tokens.Count;

    public SqlToken Current => tokens[Position];

    public string? CurrentSchema => currentSchema;

    public bool IsKeyword(int index, string keyword) =>
        index < tokens.Count && tokens[index].Kind == SqlTokenKind.Word
        && sql.AsSpan(tokens[index].Start, tokens[index].End - tokens[index].Start).Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsKeyword(string keyword) => IsKeyword(Position, keyword);

    public bool IsAnyKeyword(int index, params ReadOnlySpan<string> keywords)
    {
        foreach (var keyword in keywords)
        {
            if (IsKeyword(index, keyword))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsPunctuation(int index, char c) =>
        index < tokens.Count && tokens[index].Kind == SqlTokenKind.Punctuation && sql[tokens[index].Start] == c;

    public bool IsPunctuation(char c) => IsPunctuation(Position, c);

    /// <summary>Consumes the keywords if they all come next, in order.</summary>
    public bool TryKeywords(params ReadOnlySpan<string> keywords)
    {
        for (var i = 0; i < keywords.Length; i++)
        {
            if (!IsKeyword(Position + i, keywords[i]))
            {
                return false;
            }
        }

        Position += keywords.Length;
        return true;
    }

    public void ExpectKeyword(string keyword)
    {
        if (!TryKeywords(keyword))
        {
            throw new DdlSyntaxException($"expected {keyword} but found {Describe(Position)}");
        }
    }

    /// <summary>Reads a non-empty identifier, quoted or not.</summary>
    public (string Value, SqlToken Token) ReadIdentifier(string what)
    {
        if (AtEnd || !Current.IsIdentifier)
        {
            throw new DdlSyntaxException($"expected {what} but found {Describe(Position)}");
        }

        var token = Current;
        var value = SqlLexer.Identifier(sql, token);
        if (value.Length == 0)
        {
            throw new DdlSyntaxException($"empty {what} at offset {token.Start}");
        }

        Position++;
        return (value, token);
    }

    /// <summary>Reads <c>name</c> or <c>schema . name</c>; an unqualified name is in the current schema.</summary>
    public NameRef ReadTableName(string what = "a table name")
    {
        var (first, firstToken) = ReadIdentifier(what);
        var lastToken = firstToken;
        string? schema = null;
        var table = first;
        if (IsPunctuation('.'))
        {
            Position++;
            schema = first;
            (table, lastToken) = ReadIdentifier(what);
        }

        if (firstToken.Comment != lastToken.Comment)
        {
            throw new DdlSyntaxException($"the name at offset {firstToken.Start} spans the edge of an executable comment");
        }

        schema ??= string.IsNullOrEmpty(currentSchema)
            ? throw new DdlSyntaxException($"{what} \"{table}\" is not qualified and there is no current schema")
            : currentSchema;
        return new NameRef(new TableName(schema, table), firstToken.Start, lastToken.End, firstToken.Comment);
    }

    /// <summary>Comma-separated table names, at least one.</summary>
    public List<NameRef> ReadTableNames(string what)
    {
        var names = new List<NameRef> { ReadTableName(what) };
        while (IsPunctuation(','))
        {
            Position++;
            names.Add(ReadTableName(what));
        }

        return names;
    }

    public string Describe(int index) =>
        index >= tokens.Count ? "the end of the statement" : $"\"{sql[tokens[index].Start..tokens[index].End]}\" at offset {tokens[index].Start}";
}
