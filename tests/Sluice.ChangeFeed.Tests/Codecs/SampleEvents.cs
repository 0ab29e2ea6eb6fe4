using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Tests.Codecs;

/// <summary>
/// Hand-built tables and change events the encoder tests share: a small <c>shop.orders</c> table for the event kinds, and
/// <c>shop.all_types</c> with one column of every type the binlog decoder produces (values typed as it types them).
/// </summary>
internal static class SampleEvents
{
    /// <summary>1700000000123 ms, logical 5: 445644800032243717.</summary>
    public static readonly Tso CommitTs = Tso.FromUnixMilliseconds(1_700_000_000_123, 5);

    /// <summary>1700000000456 ms, logical 1: 445644800119537665.</summary>
    public static readonly Tso ResolvedTs = Tso.FromUnixMilliseconds(1_700_000_000_456, 1);

    public static readonly byte[] VarbinaryBytes = [5, 7, 10, 15, 36, 50, 43, 99, 120, 60, 38, 255, 254, 45, 55, 70];

    public static ChangeTable Orders { get; } = new("shop", "orders",
    [
        new ChangeColumn("id", ColumnType.Long, "int", "int(11)", IsNullable: false, Key: ColumnKeyFlags.PrimaryKey | ColumnKeyFlags.HandleKey),
        new ChangeColumn("name", ColumnType.VarChar, "varchar", "varchar(32)", IsNullable: true, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Length: 32),
        new ChangeColumn("qty", ColumnType.Long, "int", "int(11)", IsNullable: true, Key: ColumnKeyFlags.MultipleKey),
    ], Tso.FromUnixMilliseconds(1_600_000_000_000));

    public static ChangeTable AllTypes { get; } = new("shop", "all_types",
    [
        new ChangeColumn("id", ColumnType.Long, "int", "int(11)", IsNullable: false, Key: ColumnKeyFlags.PrimaryKey | ColumnKeyFlags.HandleKey),
        new ChangeColumn("c_tinyint", ColumnType.Tiny, "tinyint", "tinyint(4)", IsNullable: true),
        new ChangeColumn("c_tinyint_u", ColumnType.Tiny, "tinyint", "tinyint(3) unsigned", IsNullable: true, IsUnsigned: true),
        new ChangeColumn("c_smallint", ColumnType.Short, "smallint", "smallint(6)", IsNullable: true),
        new ChangeColumn("c_mediumint_u", ColumnType.Int24, "mediumint", "mediumint(8) unsigned", IsNullable: true, IsUnsigned: true),
        new ChangeColumn("c_int_u", ColumnType.Long, "int", "int(10) unsigned", IsNullable: true, IsUnsigned: true),
        new ChangeColumn("c_bigint", ColumnType.LongLong, "bigint", "bigint(20)", IsNullable: true),
        new ChangeColumn("c_bigint_u", ColumnType.LongLong, "bigint", "bigint(20) unsigned", IsNullable: true, IsUnsigned: true),
        new ChangeColumn("c_decimal", ColumnType.NewDecimal, "decimal", "decimal(10,4)", IsNullable: true, Precision: 10, Scale: 4),
        new ChangeColumn("c_float", ColumnType.Float, "float", "float", IsNullable: true),
        new ChangeColumn("c_double", ColumnType.Double, "double", "double", IsNullable: true),
        new ChangeColumn("c_date", ColumnType.Date, "date", "date", IsNullable: true),
        new ChangeColumn("c_time", ColumnType.Time2, "time", "time(3)", IsNullable: true, Precision: 3),
        new ChangeColumn("c_datetime", ColumnType.DateTime2, "datetime", "datetime(6)", IsNullable: true, Precision: 6),
        new ChangeColumn("c_timestamp", ColumnType.Timestamp2, "timestamp", "timestamp(3)", IsNullable: true, Precision: 3),
        new ChangeColumn("c_year", ColumnType.Year, "year", "year(4)", IsNullable: true),
        new ChangeColumn("c_enum", ColumnType.Enum, "enum", "enum('a','b','c')", IsNullable: true, Charset: "utf8mb4", Members: ["a", "b", "c"]),
        new ChangeColumn("c_set", ColumnType.Set, "set", "set('x','y','z')", IsNullable: true, Charset: "utf8mb4", Members: ["x", "y", "z"]),
        new ChangeColumn("c_json", ColumnType.Json, "json", "json", IsNullable: true),
        new ChangeColumn("c_varchar", ColumnType.VarChar, "varchar", "varchar(64)", IsNullable: true, Charset: "utf8mb4", Length: 64),
        new ChangeColumn("c_text", ColumnType.Blob, "text", "text", IsNullable: true, Charset: "utf8mb4"),
        new ChangeColumn("c_char", ColumnType.String, "char", "char(4)", IsNullable: true, Charset: "utf8mb4", Length: 4),
        new ChangeColumn("c_binary", ColumnType.String, "binary", "binary(4)", IsNullable: true, IsBinary: true, Length: 4),
        new ChangeColumn("c_varbinary", ColumnType.VarChar, "varbinary", "varbinary(16)", IsNullable: true, IsBinary: true, Length: 16),
        new ChangeColumn("c_blob", ColumnType.Blob, "blob", "blob", IsNullable: true, IsBinary: true),
        new ChangeColumn("c_bit", ColumnType.Bit, "bit", "bit(8)", IsNullable: true, Length: 8),
        new ChangeColumn("c_null", ColumnType.VarChar, "varchar", "varchar(8)", IsNullable: true, Charset: "utf8mb4", Length: 8),
    ], Tso.FromUnixMilliseconds(1_600_000_000_000));

    /// <summary>One value per <see cref="AllTypes"/> column, typed as the binlog decoder types them.</summary>
    public static object?[] AllTypesValues() =>
    [
        1L,
        -128L,
        255UL,
        32767L,
        16777215UL,
        4294967295UL,
        long.MinValue,
        ulong.MaxValue,
        MySqlDecimal.Parse("-123.4500"),
        3.14f,
        1.5e-7,
        new MySqlDate(2024, 1, 15),
        new MySqlTime(true, 12, 34, 56, 500000, 3),
        new MySqlDateTime(2024, 1, 15, 10, 0, 0, 123456, 6),
        new MySqlTimestamp(1_705_312_800, 123000, 3),
        2024,
        "b",
        "x,z",
        "{\"k\": \"v<>&\"}",
        "say \"hi\", ok\n\t日本語 <b>&\u2028",
        "line1\r\nline2 \\ end",
        "ab",
        new byte[] { 0x00, 0x41, 0xFF, 0x80 },
        VarbinaryBytes,
        new byte[] { 0xDE, 0xAD, 0xBE, 0xEF },
        65UL,
        null,
    ];

    public static RowChangedEvent InsertAllTypes() => new()
    {
        Table = AllTypes,
        Kind = RowChangeKind.Insert,
        CommitTs = CommitTs,
        After = AllTypesValues(),
    };

    public static RowChangedEvent InsertOrder() => new()
    {
        Table = Orders,
        Kind = RowChangeKind.Insert,
        CommitTs = CommitTs,
        After = [1L, "apple", 3L],
    };

    /// <summary>name "apple" → "pear", qty NULL → 4, id unchanged.</summary>
    public static RowChangedEvent UpdateOrder() => new()
    {
        Table = Orders,
        Kind = RowChangeKind.Update,
        CommitTs = CommitTs,
        Before = [1L, "apple", null],
        After = [1L, "pear", 4L],
    };

    public static RowChangedEvent DeleteOrder() => new()
    {
        Table = Orders,
        Kind = RowChangeKind.Delete,
        CommitTs = CommitTs,
        Before = [1L, "pear", 4L],
    };

    public static DdlEvent CreateOrders() => new()
    {
        CommitTs = CommitTs,
        Schema = "shop",
        Table = "orders",
        Query = "CREATE TABLE `orders` (`id` int PRIMARY KEY, `name` varchar(32), `qty` int, KEY (`qty`))",
        Kind = DdlKind.CreateTable,
        ActionType = DdlActionType.CreateTable,
        TableAfter = Orders,
    };
}
