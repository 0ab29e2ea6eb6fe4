namespace Sluice.MySql.Binlog.Rows;

/// <summary>MySQL's binary JSON (the JSON column type in row events) rendered as JSON text.</summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/json__binary_8h.html</remarks>
public static class JsonBinary
{
    /// <summary>Converts one binary JSON document to JSON text as MySQL prints it.</summary>
    public static string ToJsonText(ReadOnlySpan<byte> document) => throw new NotImplementedException();
}
