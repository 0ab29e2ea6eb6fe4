using System.Globalization;

namespace Sluice.Replication.Expressions;

/// <summary>
/// Recursive-descent parser for MySQL expressions, with MySQL's operator precedence (lowest first): OR ||, XOR,
/// AND &amp;&amp;, NOT, comparison / IS / IN / BETWEEN / LIKE / REGEXP, + -, * / DIV % MOD, unary - +, !.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/operator-precedence.html</remarks>
internal sealed class SqlParser
{
    private const int MaxDepth = 200;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "AND", "OR", "XOR", "NOT", "IS", "NULL", "TRUE", "FALSE", "IN", "BETWEEN", "LIKE", "ESCAPE", "REGEXP",
        "RLIKE", "DIV", "MOD", "CASE", "WHEN", "THEN", "ELSE", "END", "AS", "FROM", "FOR", "UNKNOWN",
    };

    private readonly List<SqlToken> _tokens;
    private readonly List<string> _columns = [];
    private int _at;
    private int _depth;

    private SqlParser(string text)
    {
        _tokens = SqlLexer.Tokenize(text);
    }

    public static (SqlNode Root, IReadOnlyList<string> Columns) Parse(string text)
    {
        var parser = new SqlParser(text);
        if (parser.Peek.Kind == SqlTokenKind.End)
        {
            throw SqlLexer.Error("Empty expression", 0);
        }

        var root = parser.ParseExpression();
        if (parser.Peek.Kind != SqlTokenKind.End)
        {
            throw parser.Unexpected();
        }

        return (root, parser._columns);
    }

    private SqlToken Peek => _tokens[_at];

    private SqlToken PeekAt(int offset) => _tokens[Math.Min(_at + offset, _tokens.Count - 1)];

    private SqlToken Next() => _tokens[_at++ < _tokens.Count - 1 ? _at - 1 : _tokens.Count - 1];

    private SqlNode ParseExpression()
    {
        if (++_depth > MaxDepth)
        {
            throw SqlLexer.Error("Expression nested too deeply", Peek.Position);
        }

        try
        {
            return ParseOr();
        }
        finally
        {
            _depth--;
        }
    }

    private SqlNode ParseOr()
    {
        var left = ParseXor();
        while (Accept("OR") || AcceptSymbol("||"))
        {
            left = new OrNode(left, ParseXor());
        }

        return left;
    }

    private SqlNode ParseXor()
    {
        var left = ParseAnd();
        while (Accept("XOR"))
        {
            left = new BinaryNode(Xor, left, ParseAnd());
        }

        return left;
    }

    private SqlNode ParseAnd()
    {
        var left = ParseNot();
        while (Accept("AND") || AcceptSymbol("&&"))
        {
            left = new AndNode(left, ParseNot());
        }

        return left;
    }

    private SqlNode ParseNot()
    {
        if (Accept("NOT"))
        {
            Enter();
            var operand = ParseNot();
            _depth--;
            return new UnaryNode(Not, operand);
        }

        return ParsePredicate();
    }

    private SqlNode ParsePredicate()
    {
        var left = ParseAdditive();
        while (true)
        {
            var token = Peek;
            if (token.Kind == SqlTokenKind.Symbol && ComparisonOperator(token.Text) is { } compare)
            {
                Next();
                left = new BinaryNode(compare, left, ParseAdditive());
                continue;
            }

            if (Accept("IS"))
            {
                var negated = Accept("NOT");
                var kind = Accept("NULL") || Accept("UNKNOWN") ? IsKind.Null
                    : Accept("TRUE") ? IsKind.True
                    : Accept("FALSE") ? IsKind.False
                    : throw Unexpected();
                left = new IsNode(left, kind, negated);
                continue;
            }

            var not = Peek.IsKeyword("NOT") && (PeekAt(1).IsKeyword("IN") || PeekAt(1).IsKeyword("BETWEEN")
                || PeekAt(1).IsKeyword("LIKE") || PeekAt(1).IsKeyword("REGEXP") || PeekAt(1).IsKeyword("RLIKE"));
            if (not)
            {
                Next();
            }

            if (Accept("IN"))
            {
                Expect("(");
                var items = new List<SqlNode> { ParseExpression() };
                while (AcceptSymbol(","))
                {
                    items.Add(ParseExpression());
                }

                Expect(")");
                left = new InNode(left, [.. items], not);
            }
            else if (Accept("BETWEEN"))
            {
                var low = ParseAdditive();
                ExpectKeyword("AND");
                left = new BetweenNode(left, low, ParseAdditive(), not);
            }
            else if (Accept("LIKE"))
            {
                var pattern = ParseAdditive();
                var escape = Accept("ESCAPE") ? ParseAdditive() : null;
                left = new LikeNode(left, pattern, escape, not);
            }
            else if (Accept("REGEXP") || Accept("RLIKE"))
            {
                left = new RegexpNode(left, ParseAdditive(), not);
            }
            else
            {
                return left;
            }
        }
    }

    private SqlNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            if (AcceptSymbol("+"))
            {
                left = new BinaryNode(SqlArithmetic.Add, left, ParseMultiplicative());
            }
            else if (AcceptSymbol("-"))
            {
                left = new BinaryNode(SqlArithmetic.Subtract, left, ParseMultiplicative());
            }
            else
            {
                return left;
            }
        }
    }

    private SqlNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            Func<object?, object?, object?>? op =
                AcceptSymbol("*") ? SqlArithmetic.Multiply
                : AcceptSymbol("/") ? SqlArithmetic.Divide
                : AcceptSymbol("%") || Accept("MOD") ? SqlArithmetic.Modulo
                : Accept("DIV") ? SqlArithmetic.IntegerDivide
                : null;
            if (op is null)
            {
                return left;
            }

            left = new BinaryNode(op, left, ParseUnary());
        }
    }

    private SqlNode ParseUnary()
    {
        if (Peek.IsSymbol("-") || Peek.IsSymbol("+") || Peek.IsSymbol("!"))
        {
            var symbol = Next().Text;
            Enter();
            var operand = ParseUnary();
            _depth--;
            return symbol switch
            {
                "-" => operand is LiteralNode { Value: not null } literal ? Fold(SqlArithmetic.Negate, literal) : new UnaryNode(SqlArithmetic.Negate, operand),
                "!" => new UnaryNode(Not, operand),
                _ => operand,
            };
        }

        return ParsePrimary();
    }

    private SqlNode ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case SqlTokenKind.Integer:
                return new LiteralNode(IntegerLiteral(token.Text));
            case SqlTokenKind.Decimal:
                return new LiteralNode(decimal.TryParse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                    ? d
                    : double.Parse(token.Text, CultureInfo.InvariantCulture));
            case SqlTokenKind.Float:
                var f = double.Parse(token.Text, CultureInfo.InvariantCulture);
                return double.IsFinite(f) ? new LiteralNode(f) : throw SqlLexer.Error($"Number out of range '{token.Text}'", token.Position);
            case SqlTokenKind.String:
                var text = token.Text;
                while (Peek.Kind == SqlTokenKind.String)
                {
                    text += Next().Text; // 'a' 'b' is 'ab'
                }

                return new LiteralNode(text);
            case SqlTokenKind.QuotedIdentifier:
                return Column(token);
            case SqlTokenKind.Symbol when token.Text == "(":
                var inner = ParseExpression();
                Expect(")");
                return inner;
            case SqlTokenKind.Identifier:
                return Word(token);
            default:
                throw Unexpected(token);
        }
    }

    private SqlNode Word(SqlToken token)
    {
        var word = token.Text.ToUpperInvariant();
        switch (word)
        {
            case "NULL":
                return new LiteralNode(null);
            case "TRUE":
                return new LiteralNode(SqlValues.True);
            case "FALSE":
                return new LiteralNode(SqlValues.False);
            case "CASE":
                return ParseCase();
        }

        if (!Peek.IsSymbol("("))
        {
            return Reserved.Contains(word) ? throw Unexpected(token) : Column(token);
        }

        Next();
        switch (word)
        {
            case "CAST":
                var value = ParseExpression();
                ExpectKeyword("AS");
                var type = ParseCastType();
                Expect(")");
                return new UnaryNode(type.Convert, value);
            case "CONVERT":
                var converted = ParseExpression();
                Expect(",");
                var target = ParseCastType();
                Expect(")");
                return new UnaryNode(target.Convert, converted);
            case "TRIM":
                return ParseTrim();
            case "POSITION":
                var needle = ParseAdditive();
                ExpectKeyword("IN");
                var haystack = ParseExpression();
                Expect(")");
                return Call(token, "LOCATE", [needle, haystack]);
            case "SUBSTRING" or "SUBSTR" when !Peek.IsSymbol(")"):
                var source = ParseExpression();
                if (Accept("FROM"))
                {
                    var from = ParseExpression();
                    SqlNode[] parts = Accept("FOR") ? [source, from, ParseExpression()] : [source, from];
                    Expect(")");
                    return Call(token, word, parts);
                }

                return Call(token, word, [source, .. ParseRestOfArguments()]);
        }

        var arguments = Peek.IsSymbol(")") ? [] : ParseRestOfArguments(first: ParseExpression());
        if (Peek.IsSymbol(")"))
        {
            Next();
        }

        return word switch
        {
            "IF" => arguments.Count == 3 ? new IfNode(arguments[0], arguments[1], arguments[2]) : throw WrongCount(token),
            "IFNULL" => arguments.Count == 2 ? new CoalesceNode([.. arguments]) : throw WrongCount(token),
            "COALESCE" => arguments.Count >= 1 ? new CoalesceNode([.. arguments]) : throw WrongCount(token),
            _ => Call(token, word, [.. arguments]),
        };
    }

    private List<SqlNode> ParseRestOfArguments(SqlNode? first = null)
    {
        var arguments = new List<SqlNode>();
        if (first is not null)
        {
            arguments.Add(first);
        }

        while (AcceptSymbol(","))
        {
            arguments.Add(ParseExpression());
        }

        if (!Peek.IsSymbol(")"))
        {
            throw Unexpected();
        }

        if (first is null)
        {
            Next();
        }

        return arguments;
    }

    private static FunctionNode Call(SqlToken token, string name, SqlNode[] arguments)
    {
        if (!SqlFunctions.TryGet(name, out var function))
        {
            throw new SqlExpressionException($"Unknown function '{token.Text}' at position {token.Position}.") { Position = token.Position };
        }

        if (arguments.Length < function.Min || arguments.Length > function.Max)
        {
            throw WrongCount(token);
        }

        return new FunctionNode(function.Function, arguments);
    }

    private BinaryNode ParseTrim()
    {
        bool leading = true, trailing = true;
        if (Accept("LEADING"))
        {
            trailing = false;
        }
        else if (Accept("TRAILING"))
        {
            leading = false;
        }
        else
        {
            Accept("BOTH");
        }

        SqlNode remove = new LiteralNode(" ");
        SqlNode text;
        if (Accept("FROM"))
        {
            text = ParseExpression();
        }
        else
        {
            var first = ParseExpression();
            if (Accept("FROM"))
            {
                remove = first;
                text = ParseExpression();
            }
            else
            {
                text = first;
            }
        }

        Expect(")");
        return new BinaryNode((t, r) => SqlFunctions.Trim(t, r, leading, trailing), text, remove);
    }

    private CaseNode ParseCase()
    {
        var operand = Peek.IsKeyword("WHEN") ? null : ParseExpression();
        var branches = new List<(SqlNode, SqlNode)>();
        while (Accept("WHEN"))
        {
            var when = ParseExpression();
            ExpectKeyword("THEN");
            branches.Add((when, ParseExpression()));
        }

        if (branches.Count == 0)
        {
            throw Unexpected();
        }

        var otherwise = Accept("ELSE") ? ParseExpression() : null;
        ExpectKeyword("END");
        return new CaseNode(operand, [.. branches], otherwise);
    }

    private SqlCastType ParseCastType()
    {
        var token = Next();
        if (token.Kind != SqlTokenKind.Identifier)
        {
            throw Unexpected(token);
        }

        var word = token.Text.ToUpperInvariant();
        switch (word)
        {
            case "SIGNED" or "UNSIGNED":
                Accept("INTEGER");
                Accept("INT");
                return new SqlCastType(word == "SIGNED" ? SqlCastKind.Signed : SqlCastKind.Unsigned);
            case "INTEGER" or "INT":
                return new SqlCastType(SqlCastKind.Signed);
            case "DECIMAL" or "DEC" or "NUMERIC":
                var (precision, scale) = ParseLengths(10, 0);
                if (precision is < 1 or > 65 || scale > 30 || scale > precision)
                {
                    throw SqlLexer.Error($"Invalid DECIMAL({precision},{scale})", token.Position);
                }

                return new SqlCastType(SqlCastKind.Decimal, precision, scale);
            case "CHAR" or "NCHAR" or "VARCHAR":
                var (length, _) = ParseLengths(-1, -1);
                Accept("CHARACTER");
                return new SqlCastType(SqlCastKind.Char, length < 0 ? null : length);
            case "BINARY":
                var (bytes, _) = ParseLengths(-1, -1);
                return new SqlCastType(SqlCastKind.Binary, bytes < 0 ? null : bytes);
            case "DATE":
                return new SqlCastType(SqlCastKind.Date);
            case "DATETIME":
                var (fraction, _) = ParseLengths(0, 0);
                return fraction is >= 0 and <= 6 ? new SqlCastType(SqlCastKind.DateTime, fraction) : throw Unexpected(token);
            case "DOUBLE" or "REAL" or "FLOAT":
                Accept("PRECISION");
                return new SqlCastType(SqlCastKind.Double);
            default:
                throw new SqlExpressionException($"Unsupported CAST type '{token.Text}' at position {token.Position}.") { Position = token.Position };
        }
    }

    private (int First, int Second) ParseLengths(int first, int second)
    {
        if (!AcceptSymbol("("))
        {
            return (first, second);
        }

        first = ReadSmallInteger();
        if (AcceptSymbol(","))
        {
            second = ReadSmallInteger();
        }
        else if (second >= 0)
        {
            second = 0;
        }

        Expect(")");
        return (first, second);
    }

    private int ReadSmallInteger()
    {
        var token = Next();
        return token.Kind == SqlTokenKind.Integer && int.TryParse(token.Text, CultureInfo.InvariantCulture, out var n) && n <= 1000
            ? n
            : throw Unexpected(token);
    }

    private ColumnNode Column(SqlToken token)
    {
        var slot = _columns.FindIndex(c => string.Equals(c, token.Text, StringComparison.OrdinalIgnoreCase));
        if (slot < 0)
        {
            slot = _columns.Count;
            _columns.Add(token.Text);
        }

        return new ColumnNode(token.Text, slot);
    }

    private static object IntegerLiteral(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u))
        {
            return u;
        }

        return decimal.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : double.Parse(text, CultureInfo.InvariantCulture);
    }

    private static LiteralNode Fold(Func<object?, object?> op, LiteralNode literal) => new(op(literal.Value));

    private static object? Not(object? value) => SqlValues.Truth(value) is { } b ? SqlValues.Bool(!b) : null;

    private static object? Xor(object? a, object? b) =>
        SqlValues.Truth(a) is { } x && SqlValues.Truth(b) is { } y ? SqlValues.Bool(x != y) : null;

    private static Func<object?, object?, object?>? ComparisonOperator(string symbol) => symbol switch
    {
        "=" => (a, b) => SqlComparison.Compare(a, b) is { } c ? SqlValues.Bool(c == 0) : null,
        "<=>" => (a, b) => SqlValues.Bool(a is null || b is null ? a is null && b is null : SqlComparison.Compare(a, b) == 0),
        "<>" or "!=" => (a, b) => SqlComparison.Compare(a, b) is { } c ? SqlValues.Bool(c != 0) : null,
        "<" => (a, b) => SqlComparison.Compare(a, b) is { } c ? SqlValues.Bool(c < 0) : null,
        "<=" => (a, b) => SqlComparison.Compare(a, b) is { } c ? SqlValues.Bool(c <= 0) : null,
        ">" => (a, b) => SqlComparison.Compare(a, b) is { } c ? SqlValues.Bool(c > 0) : null,
        ">=" => (a, b) => SqlComparison.Compare(a, b) is { } c ? SqlValues.Bool(c >= 0) : null,
        _ => null,
    };

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw SqlLexer.Error("Expression nested too deeply", Peek.Position);
        }
    }

    private bool Accept(string keyword)
    {
        if (Peek.IsKeyword(keyword))
        {
            _at++;
            return true;
        }

        return false;
    }

    private bool AcceptSymbol(string symbol)
    {
        if (Peek.IsSymbol(symbol))
        {
            _at++;
            return true;
        }

        return false;
    }

    private void Expect(string symbol)
    {
        if (!AcceptSymbol(symbol))
        {
            throw Unexpected();
        }
    }

    private void ExpectKeyword(string keyword)
    {
        if (!Accept(keyword))
        {
            throw Unexpected();
        }
    }

    private SqlExpressionException Unexpected() => Unexpected(Peek);

    private static SqlExpressionException Unexpected(SqlToken token) => token.Kind == SqlTokenKind.End
        ? SqlLexer.Error("Unexpected end of expression", token.Position)
        : SqlLexer.Error($"Unexpected '{token.Text}'", token.Position);

    private static SqlExpressionException WrongCount(SqlToken token) =>
        SqlLexer.Error($"Incorrect parameter count in the call to '{token.Text}'", token.Position);
}
