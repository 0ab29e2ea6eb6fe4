using System.Buffers;
using System.Globalization;
using System.Text;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.Replication.Apply;

/// <summary>
/// Writes a decoded row value (see <see cref="RowImage"/> for the types) into a statement as an SQL literal, so that
/// the target stores exactly what the source stored: the one place where row values become SQL text.
/// </summary>
/// <remarks>
/// The values are those <see cref="ParameterValues"/> describes, written as the literal MySQL reads back as that value:
/// <list type="bullet">
/// <item>NULL as <c>NULL</c>; integers, BIT, YEAR, an ENUM's index and a SET's (signed) bitmask as invariant decimal
/// numbers.</item>
/// <item>DOUBLE as its shortest round-trip text ("R": <c>0.1</c>, <c>1E-05</c>), FLOAT widened to double first, as
/// MySqlConnector wrote them as parameters. MySQL has no NaN or infinity: such a value throws.</item>
/// <item>DECIMAL as its exact text, quoted as its parameter was (<c>'-1.50'</c>), cast to the column's DECIMAL(p,s) in
/// a key comparison (<see cref="AppendKey"/>); MySQL's JSON cast to JSON there.</item>
/// <item>DATE, TIME, DATETIME and TIMESTAMP (UTC) as quoted text, every fractional digit kept.</item>
/// <item>UTF-8 text (JSON's included) as a quoted string; text in another charset as the column's bytes.</item>
/// <item>Bytes (binary strings, BLOB, GEOMETRY, MariaDB's UUID and INET6) as a hex literal <c>X'00FF'</c>, which
/// is a binary string as the <c>_binary'…'</c> parameter was; no bytes as <c>''</c>.</item>
/// </list>
/// Escaping does not depend on sql_mode. <see cref="WriterSession"/> leaves backslash escapes on, but a string is
/// written so that it reads the same with NO_BACKSLASH_ESCAPES too, and so that MySqlConnector's scan of the command
/// text for placeholders (it scans a command even without parameters) sees the same quoted string the server does: a
/// quote is doubled (<c>''</c>, read as one quote in both modes), every other character goes as it is (NUL, Ctrl-Z
/// and line breaks are plain characters inside quotes in both modes), and a string holding a backslash, the one
/// character the modes read differently, goes as its UTF-8 bytes in hex with the utf8mb4 introducer
/// (<c>_utf8mb4 X'5C'</c>), a character string like the quoted one
/// (https://dev.mysql.com/doc/refman/8.0/en/string-literals.html,
/// https://dev.mysql.com/doc/refman/8.0/en/charset-introducer.html). The command text is sent as UTF-8, so a lone
/// surrogate (never decoded from valid UTF-8) goes as U+FFFD, as it did as a parameter.
/// </remarks>
public static class SqlValueWriter
{
    private const int MaxNumberChars = 32;

    /// <summary>The literal of <paramref name="value"/> in <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentException">A value MySQL cannot hold (NaN, infinity) or of a type the decoder does not produce.</exception>
    public static string Literal(ColumnInfo column, object? value)
    {
        using var text = new SqlTextBuffer(64);
        Append(text, column, value);
        return text.ToString();
    }

    /// <summary>The expression a key column is compared with: the literal, DECIMAL and JSON cast as <see cref="ParameterValues.KeyExpression"/> says.</summary>
    public static string KeyLiteral(ColumnInfo column, object? value)
    {
        using var text = new SqlTextBuffer(64);
        AppendKey(text, column, value);
        return text.ToString();
    }

    internal static void AppendKey(SqlTextBuffer text, ColumnInfo column, object? value)
    {
        ArgumentNullException.ThrowIfNull(column);
        switch (column.Type)
        {
            case ColumnType.NewDecimal:
                text.AppendAscii("CAST(");
                Append(text, column, value);
                text.AppendAscii(" AS DECIMAL(");
                AppendNumber(text, column.Metadata >> 8);
                text.AppendAscii(',');
                AppendNumber(text, column.Metadata & 0xFF);
                text.AppendAscii("))");
                break;
            case ColumnType.Json:
                text.AppendAscii("CAST(");
                Append(text, column, value);
                text.AppendAscii(" AS JSON)");
                break;
            default:
                Append(text, column, value);
                break;
        }
    }

    internal static void Append(SqlTextBuffer text, ColumnInfo column, object? value)
    {
        ArgumentNullException.ThrowIfNull(column);
        switch (value)
        {
            case null:
                text.AppendAscii("NULL");
                break;
            case long number:
                AppendNumber(text, number);
                break;
            case ulong mask when column.Type == ColumnType.Set:
                AppendNumber(text, unchecked((long)mask));
                break;
            case ulong number:
                AppendNumber(text, number);
                break;
            case int number:
                AppendNumber(text, number);
                break;
            case double number:
                AppendDouble(text, number);
                break;
            case float number:
                AppendDouble(text, number);
                break;
            case MySqlDecimal number:
                AppendQuotedAscii(text, number.ToString());
                break;
            case MySqlDate date:
                AppendQuotedAscii(text, date.ToString());
                break;
            case MySqlTime time:
                AppendQuotedAscii(text, time.ToString());
                break;
            case MySqlDateTime dateTime:
                AppendQuotedAscii(text, dateTime.ToString());
                break;
            case MySqlTimestamp timestamp:
                AppendQuotedAscii(text, timestamp.ToString());
                break;
            case string name when column.Type == ColumnType.Enum && ParameterValues.TryEnumIndex(column, name, out var index):
                AppendNumber(text, index);
                break;
            case string names when column.Type == ColumnType.Set && ParameterValues.TrySetMask(column, names, out var bits):
                AppendNumber(text, bits);
                break;
            case string s when column.Encoding is { } encoding && encoding.CodePage != Encoding.UTF8.CodePage:
                AppendEncoded(text, s, encoding);
                break;
            case string s:
                AppendString(text, s);
                break;
            case byte[] bytes:
                AppendBytes(text, bytes);
                break;
            default:
                throw new ArgumentException($"a value of type {value.GetType().Name} cannot be written for column {column.DisplayName}", nameof(value));
        }
    }

    /// <summary>A string as a quoted literal, or as UTF-8 hex with the utf8mb4 introducer when it holds a backslash.</summary>
    internal static void AppendString(SqlTextBuffer text, ReadOnlySpan<char> value)
    {
        if (value.Contains('\\'))
        {
            AppendUtf8Hex(text, value);
            return;
        }

        text.AppendAscii('\'');
        while (true)
        {
            var quote = value.IndexOf('\'');
            if (quote < 0)
            {
                text.AppendText(value);
                break;
            }

            // The quote, then a second one: '' inside quotes is one quote.
            text.AppendText(value[..(quote + 1)]);
            text.AppendAscii('\'');
            value = value[(quote + 1)..];
        }

        text.AppendAscii('\'');
    }

    /// <summary>Bytes as <c>X'…'</c>, or <c>''</c> for none.</summary>
    internal static void AppendBytes(SqlTextBuffer text, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            text.AppendAscii("''");
            return;
        }

        text.AppendAscii("X'");
        AppendHexDigits(text, bytes);
        text.AppendAscii('\'');
    }

    private static void AppendUtf8Hex(SqlTextBuffer text, ReadOnlySpan<char> value)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(value, rented);
            text.AppendAscii("_utf8mb4 X'");
            AppendHexDigits(text, rented.AsSpan(0, length));
            text.AppendAscii('\'');
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Text of a non-UTF-8 column as its bytes in that charset: MySQL assigns them to the column unconverted.</summary>
    private static void AppendEncoded(SqlTextBuffer text, string value, Encoding encoding)
    {
        var rented = ArrayPool<byte>.Shared.Rent(encoding.GetMaxByteCount(value.Length));
        try
        {
            AppendBytes(text, rented.AsSpan(0, encoding.GetBytes(value, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void AppendHexDigits(SqlTextBuffer text, ReadOnlySpan<byte> bytes)
    {
        // In slices, so that a large value needs no second buffer of its full size.
        const int slice = 32 * 1024;
        while (!bytes.IsEmpty)
        {
            var part = bytes[..Math.Min(slice, bytes.Length)];
            var span = text.GetSpan(2 * part.Length);
            Convert.TryToHexString(part, span, out var written);
            text.Advance(written, written);
            bytes = bytes[part.Length..];
        }
    }

    private static void AppendQuotedAscii(SqlTextBuffer text, string value)
    {
        text.AppendAscii('\'');
        text.AppendAscii(value);
        text.AppendAscii('\'');
    }

    private static void AppendNumber<T>(SqlTextBuffer text, T number)
        where T : ISpanFormattable
    {
        number.TryFormat(text.GetSpan(MaxNumberChars), out var written, default, CultureInfo.InvariantCulture);
        text.Advance(written, written);
    }

    private static void AppendDouble(SqlTextBuffer text, double number)
    {
        if (!double.IsFinite(number))
            throw new ArgumentException($"{number.ToString(CultureInfo.InvariantCulture)} is not a value MySQL can store", nameof(number));
        number.TryFormat(text.GetSpan(MaxNumberChars), out var written, "R", CultureInfo.InvariantCulture);
        text.Advance(written, written);
    }
}
