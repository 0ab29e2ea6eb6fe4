namespace Sluice.Replication.Filtering;

/// <summary>
/// The event names of DM's binlog event filter (<c>events:</c> in a <c>filters:</c> rule). A concrete kind
/// (<see cref="Insert"/>, <see cref="CreateTable"/>, …) describes an event; the group names (<see cref="All"/>,
/// <see cref="NoneDml"/>, …) and <see cref="IncompatibleDdlChanges"/> only appear in rules.
/// <see cref="BinlogEventKinds"/> converts to and from DM's spelling.
/// </summary>
/// <remarks>
/// https://docs.pingcap.com/tidb/stable/dm-binlog-event-filter. The "incompatible DDL changes" names are the
/// finer DDL kinds DM reports for an ALTER (https://docs.pingcap.com/tidb/stable/dm-binlog-event-filter#parameter-descriptions).
/// </remarks>
public enum BinlogEventKind
{
    /// <summary>A statement DM does not classify (its empty event name): only sql-pattern applies to it.</summary>
    Unknown = 0,

    All,
    AllDdl,
    AllDml,
    None,
    NoneDdl,
    NoneDml,

    Insert,
    Update,
    Delete,

    CreateDatabase,
    DropDatabase,
    AlterDatabase,
    CreateTable,
    DropTable,
    TruncateTable,
    RenameTable,
    CreateIndex,
    DropIndex,
    CreateView,
    DropView,
    AlterTable,
    AddTablePartition,
    DropTablePartition,
    TruncateTablePartition,

    IncompatibleDdlChanges,
    ValueRangeDecrease,
    PrecisionDecrease,
    ModifyColumn,
    RenameColumn,
    RenameIndex,
    DropColumn,
    DropPrimaryKey,
    DropUniqueKey,
    ModifyDefaultValue,
    ModifyConstraint,
    ModifyColumnsOrder,
    ModifyCharset,
    ModifyCollation,
    RemoveAutoIncrement,
    ModifyStorageEngine,
    ReorganizeTablePartition,
    RebuildTablePartition,
    CoalesceTablePartition,
    SplitTablePartition,
    ExchangeTablePartition,
    ModifySchemaCharsetAndCollate,
    ModifyTableCharsetAndCollate,
    ModifyTableComment,
    RecoverTable,
    AlterTablePartitioning,
    RemoveTablePartitioning,
    AddColumn,
    SetDefaultValue,
    RebaseAutoId,
    AddPrimaryKey,
    AlterIndexVisibility,
    AlterTtlInfo,
    AlterTtlRemove,
    MultiSchemaChange,
}
