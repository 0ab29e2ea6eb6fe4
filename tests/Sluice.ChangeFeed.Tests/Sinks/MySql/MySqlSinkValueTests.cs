using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;
using Sluice.Testing;
using static Sluice.ChangeFeed.Tests.Sinks.MySql.SinkRows;

namespace Sluice.ChangeFeed.Tests.Sinks.MySql;

/// <summary>Row values typed as the binlog decoder gives them reach the target as the source stored them, keys of any type found again.</summary>
public sealed class MySqlSinkValueTests(MariaDbServers servers)
{
    private const string Schema = "cdc_mysql_values";

    [Fact]
    public async Task Values_of_every_kind_arrive_as_the_source_stored_them()
    {
        var target = servers.Target;
        await target.ExecuteAsync($"DROP DATABASE IF EXISTS {Schema}; CREATE DATABASE {Schema}");
        await target.ExecuteAsync(
            $"CREATE TABLE {Schema}.t (k DECIMAL(10,2) NOT NULL PRIMARY KEY, e ENUM('a','b','c'), s SET('x','y','z'), d DATE, dt DATETIME(3), "
            + "ts TIMESTAMP(6) NULL, tm TIME(1), y YEAR, u BIGINT UNSIGNED, f FLOAT, db DOUBLE, bin VARBINARY(10), "
            + "l VARCHAR(10) CHARACTER SET latin1, bt BIT(5), txt TEXT)");
        var table = new ChangeTable(Schema, "t",
        [
            new("k", ColumnType.NewDecimal, "decimal", "decimal(10,2)", false, Key: ColumnKeyFlags.PrimaryKey | ColumnKeyFlags.HandleKey, Precision: 10, Scale: 2),
            new("e", ColumnType.Enum, "enum", "enum('a','b','c')", true, Charset: "utf8mb4", Members: ["a", "b", "c"]),
            new("s", ColumnType.Set, "set", "set('x','y','z')", true, Charset: "utf8mb4", Members: ["x", "y", "z"]),
            new("d", ColumnType.Date, "date", "date", true),
            new("dt", ColumnType.DateTime2, "datetime", "datetime(3)", true, Precision: 3),
            new("ts", ColumnType.Timestamp2, "timestamp", "timestamp(6)", true, Precision: 6),
            new("tm", ColumnType.Time2, "time", "time(1)", true, Precision: 1),
            new("y", ColumnType.Year, "year", "year(4)", true),
            new("u", ColumnType.LongLong, "bigint", "bigint(20) unsigned", true, IsUnsigned: true),
            new("f", ColumnType.Float, "float", "float", true),
            new("db", ColumnType.Double, "double", "double", true),
            new("bin", ColumnType.VarChar, "varbinary", "varbinary(10)", true, IsBinary: true, Length: 10),
            new("l", ColumnType.VarChar, "varchar", "varchar(10)", true, Charset: "latin1", Collation: "latin1_swedish_ci", Length: 10),
            new("bt", ColumnType.Bit, "bit", "bit(5)", true, Length: 5),
            new("txt", ColumnType.Blob, "text", "text", true, Charset: "utf8mb4", Collation: "utf8mb4_general_ci"),
        ], NextTs());
        object?[] first =
        [
            MySqlDecimal.Parse("12.34"), "b", "x,z", new MySqlDate(2024, 2, 29), new MySqlDateTime(2024, 2, 29, 13, 14, 15, 123000, 3),
            new MySqlTimestamp(1_700_000_000, 123456, 6), new MySqlTime(true, 1, 2, 3, 500000, 1), 2024, ulong.MaxValue, 1.5f, 0.1,
            new byte[] { 0x00, 0xFF, 0x27, 0x5C }, "café", 21UL, "it's a \\ backslash ✓",
        ];
        var updated = (object?[])first.Clone();
        updated[1] = "c";
        updated[12] = "naïve";
        var moved = (object?[])updated.Clone();
        moved[0] = MySqlDecimal.Parse("-56.78");
        object?[] empty = [MySqlDecimal.Parse("0.50"), null, null, null, null, null, null, null, null, null, null, null, null, null, null];

        await using (var sink = Open(UriOf(target, "worker-count=2")))
        {
            var cancel = TestContext.Current.CancellationToken;
            await sink.WriteRowsAsync(Txn(Insert(table, first), Insert(table, empty)), cancel);
            await sink.WriteRowsAsync(Txn(Update(table, first, updated)), cancel);
            await sink.WriteRowsAsync(Txn(Update(table, updated, moved)), cancel);
            await sink.WriteRowsAsync(Txn(Delete(table, empty)), cancel);
            await sink.FlushAsync(NextTs(), cancel);
        }

        Assert.Equal(1L, await target.ScalarAsync($"SELECT COUNT(*) FROM {Schema}.t"));
        Assert.Equal(
            "-56.78|c|5|2024-02-29|2024-02-29 13:14:15.123|1700000000.123456|-01:02:03.5|2024|18446744073709551615|1.5|0.1|00FF275C|6E61EF7665|21|it's a \\ backslash ✓",
            await target.ScalarAsync(
                $"SELECT CONCAT_WS('|', k, e, s+0, d, dt, UNIX_TIMESTAMP(ts), tm, y, u, f, db, HEX(bin), HEX(l), bt+0, txt) FROM {Schema}.t"));
    }
}
