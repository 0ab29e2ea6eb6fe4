namespace Sluice.MySql.Binlog.Rows;

/// <summary>MySQL's binary JSON (the JSON column type in row events) rendered as JSON text.</summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/json__binary_8h.html</remarks>
public static class JsonBinary
{
    /// <summary>Deepest nesting of arrays and objects accepted, as MySQL's JSON_DOCUMENT_MAX_DEPTH.</summary>
    public const int MaxDepth = 100;

    /// <summary>
    /// Converts one binary JSON document to JSON text as MySQL prints it (<c>{"a": 1, "b": [true, null]}</c>:
    /// a space after ':' and ','). An empty document is JSON null. Opaque values print as JSON_EXTRACT shows
    /// them: DECIMAL as a number, DATE/TIME/DATETIME/TIMESTAMP as quoted strings with microseconds, other
    /// MySQL types as <c>"base64:typeNN:..."</c>. Doubles print with the fewest digits that read back to the
    /// same value, laid out as MySQL's my_gcvt does (<c>0.1</c>, <c>1e100</c>, <c>2.0</c>).
    /// </summary>
    /// <exception cref="MySqlDecodingException">The bytes are not a well-formed document, or nest deeper than
    /// <see cref="MaxDepth"/>.</exception>
    public static string ToJsonText(ReadOnlySpan<byte> document) => JsonBinaryReader.ToJsonText(document);
}
