using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>
/// Decodes one non-NULL value of one column from a row image. A reader is chosen once per column when the
/// TABLE_MAP is read (<see cref="ColumnReaderFactory"/>); readers without per-column parameters are shared
/// singletons, the others are small immutable objects built once per column.
/// </summary>
/// <remarks>Row value encodings: https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Rows__event.html</remarks>
internal abstract class ColumnReader
{
    /// <exception cref="MySqlDecodingException">The bytes are too short or not a value of the column's type.</exception>
    public abstract object Read(ref ByteReader reader);
}
