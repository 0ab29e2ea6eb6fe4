using System.Text;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Tests.Codecs;

/// <summary>
/// Change events built by hand for the codec tests: the `test`.`user` table of TiCDC's protocol documents (id, name,
/// age, score) and `test`.`t_all` with a column of every type the binlog decoder gives.
/// </summary>
internal static class CodecEvents
{
    /// <summary>The commit TSO of the row events: 2024-02-26 05:01:02.983 UTC, logical 2.</summary>
    public static readonly Tso CommitTs = Tso.FromUnixMilliseconds(1_708_923_662_983, 2);

    /// <summary>The table version: 2024-02-26 05:00:00 UTC.</summary>
    public static readonly Tso TableVersion = Tso.FromUnixMilliseconds(1_708_923_600_000);

    public static readonly Tso DdlCommitTs = Tso.FromUnixMilliseconds(1_708_923_700_000);

    public static readonly Tso ResolvedTs = Tso.FromUnixMilliseconds(1_708_923_816_911, 1);

    /// <summary>What the fixed clock says: the encoders' ts_ms / buildTs.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_708_923_670_000);

    public static ChangeColumn Id => new("id", ColumnType.Long, "int", "int(11)", IsNullable: false, Key: ColumnKeyFlags.PrimaryKey | ColumnKeyFlags.HandleKey);

    public static readonly ChangeTable User = new(
        "test",
        "user",
        [
            Id,
            new("name", ColumnType.VarChar, "varchar", "varchar(255)", IsNullable: true, Charset: "utf8mb4", Collation: "utf8mb4_bin", Length: 255),
            new("age", ColumnType.Long, "int", "int(11)", IsNullable: true),
            new("score", ColumnType.Float, "float", "float", IsNullable: true),
        ],
        TableVersion,
        tableId: 148);

    public static readonly ChangeTable UserWithCreateTime = new(
        "test",
        "user",
        [.. User.Columns, new("createTime", ColumnType.Timestamp2, "timestamp", "timestamp", IsNullable: true)],
        DdlCommitTs,
        tableId: 148);

    public static RowChangedEvent Insert => new()
    {
        Table = User,
        Kind = RowChangeKind.Insert,
        CommitTs = CommitTs,
        After = [1L, "John Doe", 25L, 90.5f],
    };

    public static RowChangedEvent Update => new()
    {
        Table = User,
        Kind = RowChangeKind.Update,
        CommitTs = CommitTs,
        Before = [1L, "John Doe", 25L, 90.5f],
        After = [1L, "John Doe", 25L, 95f],
    };

    public static RowChangedEvent Delete => new()
    {
        Table = User,
        Kind = RowChangeKind.Delete,
        CommitTs = CommitTs,
        Before = [1L, "John Doe", 25L, 95f],
    };

    public static DdlEvent AddColumn => new()
    {
        CommitTs = DdlCommitTs,
        Schema = "test",
        Table = "user",
        Query = "ALTER TABLE `user` ADD COLUMN `createTime` TIMESTAMP",
        Kind = DdlKind.AlterTable,
        ActionType = DdlActionType.AddColumn,
        TableBefore = User,
        TableAfter = UserWithCreateTime,
    };

    public static DdlEvent CreateTable => new()
    {
        CommitTs = DdlCommitTs,
        Schema = "test",
        Table = "user",
        Query = "CREATE TABLE `user` (`id` INT PRIMARY KEY, `name` VARCHAR(255), `age` INT, `score` FLOAT)",
        Kind = DdlKind.CreateTable,
        ActionType = DdlActionType.CreateTable,
        TableAfter = User,
    };

    public static DdlEvent DropTable => new()
    {
        CommitTs = DdlCommitTs,
        Schema = "test",
        Table = "user",
        Query = "DROP TABLE `user`",
        Kind = DdlKind.DropTable,
        ActionType = DdlActionType.DropTable,
        TableBefore = User,
    };

    public static readonly ChangeTable AllTypes = new(
        "test",
        "t_all",
        [
            Id,
            new("c_tinyint", ColumnType.Tiny, "tinyint", "tinyint(4)", true),
            new("c_smallint_u", ColumnType.Short, "smallint", "smallint(5) unsigned", true, IsUnsigned: true),
            new("c_mediumint", ColumnType.Int24, "mediumint", "mediumint(9)", true),
            new("c_int_u", ColumnType.Long, "int", "int(10) unsigned", true, IsUnsigned: true),
            new("c_bigint", ColumnType.LongLong, "bigint", "bigint(20)", true),
            new("c_bigint_u", ColumnType.LongLong, "bigint", "bigint(20) unsigned", true, IsUnsigned: true),
            new("c_float", ColumnType.Float, "float", "float", true),
            new("c_double", ColumnType.Double, "double", "double", true),
            new("c_decimal", ColumnType.NewDecimal, "decimal", "decimal(10,4)", true, Precision: 10, Scale: 4),
            new("c_char", ColumnType.String, "char", "char(4)", true, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Length: 4),
            new("c_varchar", ColumnType.VarChar, "varchar", "varchar(20)", true, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Length: 20),
            new("c_text", ColumnType.Blob, "text", "text", true, Charset: "utf8mb4", Collation: "utf8mb4_general_ci"),
            new("c_binary", ColumnType.String, "binary", "binary(3)", true, IsBinary: true, Length: 3),
            new("c_varbinary", ColumnType.VarChar, "varbinary", "varbinary(8)", true, IsBinary: true, Length: 8),
            new("c_blob", ColumnType.Blob, "blob", "blob", true, IsBinary: true),
            new("c_date", ColumnType.Date, "date", "date", true),
            new("c_datetime", ColumnType.DateTime2, "datetime", "datetime(3)", true, Precision: 3),
            new("c_datetime6", ColumnType.DateTime2, "datetime", "datetime(6)", true, Precision: 6),
            new("c_timestamp", ColumnType.Timestamp2, "timestamp", "timestamp(3)", true, Precision: 3),
            new("c_time", ColumnType.Time2, "time", "time", true),
            new("c_year", ColumnType.Year, "year", "year(4)", true),
            new("c_bit1", ColumnType.Bit, "bit", "bit(1)", true, Length: 1),
            new("c_bit10", ColumnType.Bit, "bit", "bit(10)", true, Length: 10),
            new("c_enum", ColumnType.Enum, "enum", "enum('small','medium','large')", true, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Members: ["small", "medium", "large"]),
            new("c_set", ColumnType.Set, "set", "set('x','y','z')", true, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Members: ["x", "y", "z"]),
            new("c_json", ColumnType.Json, "json", "json", true),
            new("c_null", ColumnType.VarChar, "varchar", "varchar(10)", true, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Length: 10),
        ],
        TableVersion,
        tableId: 71);

    public static IReadOnlyList<object?> AllTypesValues =>
    [
        7L,
        -8L,
        65535UL,
        -8388608L,
        4294967295UL,
        long.MinValue,
        ulong.MaxValue,
        1.5f,
        2.25,
        MySqlDecimal.Parse("-123.4500"),
        "ab",
        "héllo",
        "long text",
        new byte[] { 1, 2, 3 },
        new byte[] { 0xff, 0x00 },
        Encoding.ASCII.GetBytes("blob"),
        new MySqlDate(2024, 1, 15),
        new MySqlDateTime(2024, 1, 15, 10, 0, 0, 123_000, 3),
        new MySqlDateTime(2024, 1, 15, 10, 0, 0, 123_456, 6),
        new MySqlTimestamp(1_705_312_800, 500_000, 3),
        new MySqlTime(true, 1, 2, 3, 0, 0),
        2024,
        1UL,
        0x205UL,
        "medium",
        "x,z",
        "{\"k\": [1, 2]}",
        null,
    ];

    public static RowChangedEvent AllTypesInsert => new()
    {
        Table = AllTypes,
        Kind = RowChangeKind.Insert,
        CommitTs = CommitTs,
        After = AllTypesValues,
    };
}
