using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Tests.Filtering;

/// <summary>Tables and rows for the filter tests.</summary>
internal static class FilterTestTables
{
    public static ChangeColumn Id => new("id", ColumnType.LongLong, "bigint", "bigint(20)", false, Key: ColumnKeyFlags.PrimaryKey | ColumnKeyFlags.HandleKey);

    public static ChangeColumn Column(string name, ColumnType type = ColumnType.VarChar, string dataType = "varchar") =>
        new(name, type, dataType, dataType, true);

    /// <summary>app.orders: id, price DECIMAL(10,2), created DATETIME, name VARCHAR, note VARCHAR, day DATE, at TIMESTAMP, span TIME.</summary>
    public static ChangeTable Orders(Tso? version = null, string schema = "app", string name = "orders") => new(
        schema,
        name,
        [
            Id,
            Column("price", ColumnType.NewDecimal, "decimal"),
            Column("created", ColumnType.DateTime2, "datetime"),
            Column("name"),
            Column("note"),
            Column("day", ColumnType.Date, "date"),
            Column("at", ColumnType.Timestamp2, "timestamp"),
            Column("span", ColumnType.Time2, "time"),
        ],
        version ?? new Tso(1));

    /// <summary>Values for <see cref="Orders"/>, with the named ones replaced.</summary>
    public static object?[] OrderValues(
        long id = 1,
        string price = "10.00",
        MySqlDateTime? created = null,
        string? name = "john",
        string? note = null,
        MySqlDate? day = null,
        MySqlTimestamp? at = null,
        MySqlTime? span = null) =>
    [
        id,
        MySqlDecimal.Parse(price),
        created ?? new MySqlDateTime(2024, 1, 15, 10, 0, 0, 0, 0),
        name,
        note,
        day ?? new MySqlDate(2024, 1, 15),
        at ?? new MySqlTimestamp(1_705_312_800, 0, 0),
        span ?? new MySqlTime(false, 10, 0, 0, 0, 0),
    ];

    public static RowChangedEvent Insert(ChangeTable table, object?[] after, ulong startTs = 10) =>
        new() { Table = table, Kind = RowChangeKind.Insert, CommitTs = new Tso(startTs + 1), StartTs = new Tso(startTs), After = after };

    public static RowChangedEvent Update(ChangeTable table, object?[] before, object?[] after) =>
        new() { Table = table, Kind = RowChangeKind.Update, CommitTs = new Tso(11), StartTs = new Tso(10), Before = before, After = after };

    public static RowChangedEvent Delete(ChangeTable table, object?[] before) =>
        new() { Table = table, Kind = RowChangeKind.Delete, CommitTs = new Tso(11), StartTs = new Tso(10), Before = before };
}
