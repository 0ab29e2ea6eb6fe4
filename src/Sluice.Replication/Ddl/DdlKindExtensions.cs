namespace Sluice.Replication.Ddl;

public static class DdlKindExtensions
{
    /// <summary>Whether statements of this kind are DDL the sync unit applies (or filters) rather than skips.</summary>
    public static bool IsDdl(this DdlKind kind) => kind >= DdlKind.CreateDatabase;

    /// <summary>
    /// The event type DM's binlog event filter calls this kind (<c>"create table"</c>, …; <c>"other ddl"</c> for
    /// <see cref="DdlKind.OtherDdl"/>), or null for what is not DDL.
    /// </summary>
    public static string? EventType(this DdlKind kind) => kind switch
    {
        DdlKind.CreateDatabase => "create database",
        DdlKind.DropDatabase => "drop database",
        DdlKind.AlterDatabase => "alter database",
        DdlKind.CreateTable => "create table",
        DdlKind.DropTable => "drop table",
        DdlKind.TruncateTable => "truncate table",
        DdlKind.RenameTable => "rename table",
        DdlKind.AlterTable => "alter table",
        DdlKind.CreateIndex => "create index",
        DdlKind.DropIndex => "drop index",
        DdlKind.CreateView => "create view",
        DdlKind.DropView => "drop view",
        DdlKind.OtherDdl => "other ddl",
        _ => null,
    };
}
