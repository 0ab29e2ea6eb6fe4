using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Binlog;
using Sluice.MySql.Protocol;
using Xunit;

namespace Sluice.MySql.Tests.Binlog.Rows;

/// <summary>
/// Builds columns the way a TABLE_MAP does (through <see cref="ColumnInfo.Build"/>) and decodes value bytes.
/// Most fixtures below were read from a MariaDB 10.11 binlog: for each case a table
/// (id INT NOT NULL PRIMARY KEY, v &lt;type&gt; NOT NULL) got one INSERT per value under sql_mode='' and
/// time_zone='+00:00'; the bytes are the WRITE_ROWS row after the null bitmap and id, and the expected
/// text is what SELECT v printed.
/// </summary>
internal static class ColumnFixture
{
    public static TableMapEvent Map(ColumnType[] types, ushort[] metadata, TableMapMetadata? optional = null, bool[]? nullable = null) =>
        new(
            new BinlogEventHeader(0, BinlogEventType.TableMap, 1, 0, 0, 0),
            tableId: 42,
            flags: 1,
            schemaName: "db",
            tableName: "t",
            columnTypes: types,
            columnMetadata: metadata,
            nullable: nullable ?? new bool[types.Length],
            optionalMetadata: optional);

    /// <summary>One column as a TABLE_MAP without optional metadata describes it.</summary>
    public static ColumnInfo Column(ColumnType type, ushort metadata = 0) =>
        Map([type], [metadata]).Columns[0];

    /// <summary>One column with the optional metadata a MySQL 8 / MariaDB 10.5+ TABLE_MAP may carry.</summary>
    public static ColumnInfo Column(
        ColumnType type,
        ushort metadata,
        bool unsigned = false,
        int? collationId = null,
        string[]? enumValues = null,
        string[]? setValues = null) =>
        Map([type], [metadata], new TableMapMetadata
        {
            Unsigned = [unsigned],
            CollationIds = [collationId],
            EnumValues = [enumValues],
            SetValues = [setValues],
        }).Columns[0];

    /// <summary>Decodes one value and checks that it used every byte.</summary>
    public static object Decode(ColumnInfo column, string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var reader = new ByteReader(bytes);
        var value = column.ReadValue(ref reader);
        Assert.Equal(bytes.Length, reader.Offset);
        return value;
    }

    /// <summary>Decodes and returns the exception, which must be <see cref="MySqlDecodingException"/>.</summary>
    public static MySqlDecodingException DecodeFails(ColumnInfo column, string hex)
    {
        var bytes = Convert.FromHexString(hex);
        return Assert.Throws<MySqlDecodingException>(() =>
        {
            var reader = new ByteReader(bytes);
            column.ReadValue(ref reader);
        });
    }
}
