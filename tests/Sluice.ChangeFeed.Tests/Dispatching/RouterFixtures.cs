using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Tests.Dispatching;

/// <summary>Tables and rows for the dispatcher tests: <c>id</c> the primary key, <c>b</c> a nullable varchar.</summary>
internal static class RouterFixtures
{
    public static readonly Tso CommitTs = new(449530219520000003);

    public static ChangeTable Table(string schema, string name, bool withKey = true) =>
        new(
            schema,
            name,
            [
                new ChangeColumn("id", ColumnType.Long, "int", "int(11)", IsNullable: !withKey, Key: withKey ? ColumnKeyFlags.PrimaryKey | ColumnKeyFlags.HandleKey : ColumnKeyFlags.None),
                new ChangeColumn("b", ColumnType.VarChar, "varchar", "varchar(20)", IsNullable: true, Charset: "utf8mb4"),
            ],
            new Tso(1));

    public static RowChangedEvent Insert(string schema, string table, long id, string? b = "hello", bool withKey = true) => new()
    {
        Table = Table(schema, table, withKey),
        Kind = RowChangeKind.Insert,
        CommitTs = CommitTs,
        After = [id, b],
    };
}
