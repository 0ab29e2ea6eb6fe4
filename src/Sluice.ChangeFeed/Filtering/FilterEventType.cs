namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// The events an event filter's <c>ignore_event</c> names (TiCDC's list; the binlog filter's event types). The
/// members before <see cref="AllDml"/> are what one event is; the last three name groups of them.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-filter#event-filter-rules</remarks>
internal enum FilterEventType
{
    Insert,
    Update,
    Delete,
    CreateDatabase,
    DropDatabase,
    ModifySchemaCharsetAndCollate,
    CreateTable,
    DropTable,
    TruncateTable,
    RenameTable,
    RecoverTable,
    ModifyTableComment,
    ModifyTableCharsetAndCollate,
    CreateView,
    DropView,
    AddTablePartition,
    DropTablePartition,
    TruncateTablePartition,
    ExchangeTablePartition,
    ReorganizeTablePartition,
    AlterTablePartitioning,
    RemoveTablePartitioning,
    AddColumn,
    DropColumn,
    ModifyColumn,
    SetDefaultValue,
    RebaseAutoId,
    AddPrimaryKey,
    DropPrimaryKey,
    CreateIndex,
    DropIndex,
    RenameIndex,
    AlterIndexVisibility,
    AlterTtlInfo,
    AlterTtlRemove,
    MultiSchemaChange,

    /// <summary>"all dml": inserts, updates and deletes.</summary>
    AllDml,

    /// <summary>"all ddl": every DDL statement.</summary>
    AllDdl,

    /// <summary>"alter table": every kind of ALTER TABLE (each clause kind, CREATE/DROP INDEX, and RENAME TABLE,
    /// which TiCDC counts among them).</summary>
    AlterTable,
}

/// <summary>The names of <see cref="FilterEventType"/> as ignore_event writes them.</summary>
internal static class FilterEventTypes
{
    private static readonly Dictionary<string, FilterEventType> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["all dml"] = FilterEventType.AllDml,
        ["all ddl"] = FilterEventType.AllDdl,
        ["insert"] = FilterEventType.Insert,
        ["update"] = FilterEventType.Update,
        ["delete"] = FilterEventType.Delete,
        ["create schema"] = FilterEventType.CreateDatabase,
        ["create database"] = FilterEventType.CreateDatabase,
        ["drop schema"] = FilterEventType.DropDatabase,
        ["drop database"] = FilterEventType.DropDatabase,
        ["modify schema charset and collate"] = FilterEventType.ModifySchemaCharsetAndCollate,
        ["create table"] = FilterEventType.CreateTable,
        ["drop table"] = FilterEventType.DropTable,
        ["truncate table"] = FilterEventType.TruncateTable,
        ["rename table"] = FilterEventType.RenameTable,
        ["recover table"] = FilterEventType.RecoverTable,
        ["modify table comment"] = FilterEventType.ModifyTableComment,
        ["modify table charset and collate"] = FilterEventType.ModifyTableCharsetAndCollate,
        ["alter table"] = FilterEventType.AlterTable,
        ["create view"] = FilterEventType.CreateView,
        ["drop view"] = FilterEventType.DropView,
        ["add table partition"] = FilterEventType.AddTablePartition,
        ["drop table partition"] = FilterEventType.DropTablePartition,
        ["truncate table partition"] = FilterEventType.TruncateTablePartition,
        ["exchange table partition"] = FilterEventType.ExchangeTablePartition,
        ["reorganize table partition"] = FilterEventType.ReorganizeTablePartition,
        ["alter table partitioning"] = FilterEventType.AlterTablePartitioning,
        ["remove table partitioning"] = FilterEventType.RemoveTablePartitioning,
        ["add column"] = FilterEventType.AddColumn,
        ["drop column"] = FilterEventType.DropColumn,
        ["modify column"] = FilterEventType.ModifyColumn,
        ["set default value"] = FilterEventType.SetDefaultValue,
        ["rebase auto id"] = FilterEventType.RebaseAutoId,
        ["add primary key"] = FilterEventType.AddPrimaryKey,
        ["drop primary key"] = FilterEventType.DropPrimaryKey,
        ["create index"] = FilterEventType.CreateIndex,

        // Not in TiCDC's list (it calls ADD INDEX "create index"), accepted as the same event.
        ["add index"] = FilterEventType.CreateIndex,
        ["drop index"] = FilterEventType.DropIndex,
        ["rename index"] = FilterEventType.RenameIndex,
        ["alter index visibility"] = FilterEventType.AlterIndexVisibility,
        ["alter ttl info"] = FilterEventType.AlterTtlInfo,
        ["alter ttl remove"] = FilterEventType.AlterTtlRemove,
        ["multi schema change"] = FilterEventType.MultiSchemaChange,
    };

    /// <summary>The event a name stands for (without case, surrounding spaces ignored); false for a name TiCDC does not list.</summary>
    public static bool TryParse(string name, out FilterEventType type) => ByName.TryGetValue(name.Trim(), out type);

    /// <summary>The names accepted, for the error that lists them.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    public static ulong Bit(FilterEventType type) => 1UL << (int)type;
}
