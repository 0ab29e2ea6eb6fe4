using Sluice.ChangeFeed.Model;
using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Codecs.CanalJson;

/// <summary>
/// canal-json's <c>type</c> of a DDL message: TiCDC maps TiDB's action type to Canal's event type as Canal's own DDL
/// parser classifies statements (CREATE, ALTER, ERASE, TRUNCATE, RENAME, CINDEX, DINDEX, QUERY for the rest).
/// </summary>
/// <remarks>https://github.com/alibaba/canal/blob/master/parse/src/main/java/com/alibaba/otter/canal/parse/inbound/mysql/ddl/DruidDdlParser.java</remarks>
internal static class CanalJsonEventType
{
    public const string Insert = "INSERT";
    public const string Update = "UPDATE";
    public const string Delete = "DELETE";
    public const string Watermark = "TIDB_WATERMARK";

    public static string Of(RowChangeKind kind) => kind switch
    {
        RowChangeKind.Insert => Insert,
        RowChangeKind.Update => Update,
        RowChangeKind.Delete => Delete,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a row change kind"),
    };

    public static string Of(DdlEvent ddl)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        return ddl.ActionType switch
        {
            DdlActionType.None => OfKind(ddl.Kind),
            DdlActionType.CreateTable => "CREATE",
            DdlActionType.RenameTable => "RENAME",
            DdlActionType.AddIndex or DdlActionType.AddForeignKey or DdlActionType.AddPrimaryKey => "CINDEX",
            DdlActionType.DropIndex or DdlActionType.DropForeignKey or DdlActionType.DropPrimaryKey => "DINDEX",
            DdlActionType.AddColumn or DdlActionType.DropColumn or DdlActionType.ModifyColumn or DdlActionType.RebaseAutoId
                or DdlActionType.SetDefaultValue or DdlActionType.ModifyTableComment or DdlActionType.RenameIndex
                or DdlActionType.AddTablePartition or DdlActionType.DropTablePartition
                or DdlActionType.ModifyTableCharsetAndCollate or DdlActionType.TruncateTablePartition => "ALTER",
            DdlActionType.DropTable => "ERASE",
            DdlActionType.TruncateTable => "TRUNCATE",
            _ => "QUERY",
        };
    }

    // Without an action type (a statement the schema tracker did not classify), the statement kind decides the same way.
    private static string OfKind(DdlKind kind) => kind switch
    {
        DdlKind.CreateTable => "CREATE",
        DdlKind.DropTable => "ERASE",
        DdlKind.TruncateTable => "TRUNCATE",
        DdlKind.RenameTable => "RENAME",
        DdlKind.AlterTable => "ALTER",
        DdlKind.CreateIndex => "CINDEX",
        DdlKind.DropIndex => "DINDEX",
        _ => "QUERY",
    };
}
