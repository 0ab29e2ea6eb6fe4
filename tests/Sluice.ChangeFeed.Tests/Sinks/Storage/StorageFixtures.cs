using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks;
using Sluice.ChangeFeed.Sinks.Storage;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Tests.Sinks.Storage;

/// <summary>The tables, times and events the storage sink tests write.</summary>
internal static class StorageFixtures
{
    /// <summary>2026-01-02 03:00:00 UTC: the version the tables had when the changefeed started.</summary>
    public static readonly Tso V1 = At("2026-01-02T03:00:00Z");
    public static readonly Tso C1 = At("2026-01-02T03:04:06Z");
    public static readonly Tso C2 = At("2026-01-02T03:04:07Z");
    public static readonly Tso D1 = At("2026-01-02T03:05:00Z");

    /// <summary>The next day.</summary>
    public static readonly Tso C3 = At("2026-01-03T00:00:01Z");
    public static readonly Tso D2 = At("2026-01-03T00:00:02Z");

    public static readonly ChangeColumn Id = new("id", ColumnType.Long, "int", "int(11)", false, Key: ColumnKeyFlags.PrimaryKey | ColumnKeyFlags.HandleKey);
    public static readonly ChangeColumn Name = new("name", ColumnType.VarChar, "varchar", "varchar(20)", true, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Length: 20);
    public static readonly ChangeColumn Age = new("age", ColumnType.Long, "int", "int(11)", true);

    public static readonly ChangeTable T1 = new("test", "t1", [Id, Name], V1);
    public static readonly ChangeTable T1AfterAddColumn = new("test", "t1", [Id, Name, Age], D1);

    public static readonly ChangeTable T2 = new(
        "test",
        "t2",
        [
            new("id", ColumnType.LongLong, "bigint", "bigint(20) unsigned", false, IsUnsigned: true, Key: ColumnKeyFlags.PrimaryKey | ColumnKeyFlags.HandleKey),
            new("amount", ColumnType.NewDecimal, "decimal", "decimal(10,2)", false, Precision: 10, Scale: 2),
            new("at", ColumnType.DateTime2, "datetime", "datetime(3)", true, Precision: 3),
        ],
        V1);

    public static Tso At(string time) => Tso.From(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture));

    public static RowChangedEvent Insert(ChangeTable table, Tso commitTs, params object?[] values) =>
        new() { Table = table, Kind = RowChangeKind.Insert, CommitTs = commitTs, StartTs = commitTs, After = values };

    public static RowChangedEvent Update(ChangeTable table, Tso commitTs, object?[] before, object?[] after) =>
        new() { Table = table, Kind = RowChangeKind.Update, CommitTs = commitTs, StartTs = commitTs, Before = before, After = after };

    public static TransactionChunk Chunk(params RowChangedEvent[] rows) => new(rows[0].CommitTs, rows[0].StartTs, rows);

    public static DdlEvent AddAgeColumn => new()
    {
        CommitTs = D1,
        Schema = "test",
        Table = "t1",
        Query = "ALTER TABLE `test`.`t1` ADD COLUMN `age` int(11)",
        Kind = DdlKind.AlterTable,
        ActionType = DdlActionType.AddColumn,
        TableBefore = T1,
        TableAfter = T1AfterAddColumn,
    };

    public static DdlEvent CreateDatabase => new()
    {
        CommitTs = D2,
        Schema = "db2",
        Query = "CREATE DATABASE `db2`",
        Kind = DdlKind.CreateDatabase,
        ActionType = DdlActionType.CreateSchema,
    };

    public static StorageSinkOptions Options(string root) => new() { RootPath = root, Protocol = "csv" };

    public static string DataFile(ChangeTable table, string date, int index, ulong? version = null) =>
        $"{table.Schema}/{table.Name}/{version ?? table.Version.Value}/{(date.Length == 0 ? string.Empty : date + "/")}CDC{index:D20}.csv";

    public static string IndexFile(ChangeTable table, string date, ulong? version = null) =>
        $"{table.Schema}/{table.Name}/{version ?? table.Version.Value}/{(date.Length == 0 ? string.Empty : date + "/")}meta/CDC.index";
}
