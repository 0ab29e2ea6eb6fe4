using System.Collections.Frozen;

namespace Sluice.Replication.Filtering;

/// <summary>DM's spelling of <see cref="BinlogEventKind"/> and how DM groups the kinds.</summary>
/// <remarks>
/// Names and groups follow DM's binlog filter (https://docs.pingcap.com/tidb/stable/dm-binlog-event-filter):
/// names are read without case; <c>create schema</c>, <c>drop schema</c> and <c>alter schema</c> are aliases of the
/// database names. DM counts DROP DATABASE/TABLE/INDEX, TRUNCATE, RENAME TABLE and the partition drops among the
/// incompatible DDL changes, so <c>incompatible ddl changes</c> covers them as well as the finer ALTER kinds.
/// </remarks>
public static class BinlogEventKinds
{
    private static readonly (BinlogEventKind Kind, string Name)[] Names =
    [
        (BinlogEventKind.Unknown, ""),
        (BinlogEventKind.All, "all"),
        (BinlogEventKind.AllDdl, "all ddl"),
        (BinlogEventKind.AllDml, "all dml"),
        (BinlogEventKind.None, "none"),
        (BinlogEventKind.NoneDdl, "none ddl"),
        (BinlogEventKind.NoneDml, "none dml"),
        (BinlogEventKind.Insert, "insert"),
        (BinlogEventKind.Update, "update"),
        (BinlogEventKind.Delete, "delete"),
        (BinlogEventKind.CreateDatabase, "create database"),
        (BinlogEventKind.DropDatabase, "drop database"),
        (BinlogEventKind.AlterDatabase, "alter database"),
        (BinlogEventKind.CreateTable, "create table"),
        (BinlogEventKind.DropTable, "drop table"),
        (BinlogEventKind.TruncateTable, "truncate table"),
        (BinlogEventKind.RenameTable, "rename table"),
        (BinlogEventKind.CreateIndex, "create index"),
        (BinlogEventKind.DropIndex, "drop index"),
        (BinlogEventKind.CreateView, "create view"),
        (BinlogEventKind.DropView, "drop view"),
        (BinlogEventKind.AlterTable, "alter table"),
        (BinlogEventKind.AddTablePartition, "add table partition"),
        (BinlogEventKind.DropTablePartition, "drop table partition"),
        (BinlogEventKind.TruncateTablePartition, "truncate table partition"),
        (BinlogEventKind.IncompatibleDdlChanges, "incompatible ddl changes"),
        (BinlogEventKind.ValueRangeDecrease, "value range decrease"),
        (BinlogEventKind.PrecisionDecrease, "precision decrease"),
        (BinlogEventKind.ModifyColumn, "modify column"),
        (BinlogEventKind.RenameColumn, "rename column"),
        (BinlogEventKind.RenameIndex, "rename index"),
        (BinlogEventKind.DropColumn, "drop column"),
        (BinlogEventKind.DropPrimaryKey, "drop primary key"),
        (BinlogEventKind.DropUniqueKey, "drop unique key"),
        (BinlogEventKind.ModifyDefaultValue, "modify default value"),
        (BinlogEventKind.ModifyConstraint, "modify constraint"),
        (BinlogEventKind.ModifyColumnsOrder, "modify columns order"),
        (BinlogEventKind.ModifyCharset, "modify charset"),
        (BinlogEventKind.ModifyCollation, "modify collation"),
        (BinlogEventKind.RemoveAutoIncrement, "remove auto increment"),
        (BinlogEventKind.ModifyStorageEngine, "modify storage engine"),
        (BinlogEventKind.ReorganizeTablePartition, "reorganize table partition"),
        (BinlogEventKind.RebuildTablePartition, "rebuild table partition"),
        (BinlogEventKind.CoalesceTablePartition, "coalesce table partition"),
        (BinlogEventKind.SplitTablePartition, "split table partition"),
        (BinlogEventKind.ExchangeTablePartition, "exchange table partition"),
        (BinlogEventKind.ModifySchemaCharsetAndCollate, "modify schema charset and collate"),
        (BinlogEventKind.ModifyTableCharsetAndCollate, "modify table charset and collate"),
        (BinlogEventKind.ModifyTableComment, "modify table comment"),
        (BinlogEventKind.RecoverTable, "recover table"),
        (BinlogEventKind.AlterTablePartitioning, "alter table partitioning"),
        (BinlogEventKind.RemoveTablePartitioning, "remove table partitioning"),
        (BinlogEventKind.AddColumn, "add column"),
        (BinlogEventKind.SetDefaultValue, "set default value"),
        (BinlogEventKind.RebaseAutoId, "rebase auto id"),
        (BinlogEventKind.AddPrimaryKey, "add primary key"),
        (BinlogEventKind.AlterIndexVisibility, "alter index visibility"),
        (BinlogEventKind.AlterTtlInfo, "alter ttl info"),
        (BinlogEventKind.AlterTtlRemove, "alter ttl remove"),
        (BinlogEventKind.MultiSchemaChange, "multi schema change"),
    ];

    private static readonly FrozenDictionary<string, BinlogEventKind> ByName = Names
        .Select(entry => KeyValuePair.Create(entry.Name, entry.Kind))
        .Concat(
        [
            KeyValuePair.Create("create schema", BinlogEventKind.CreateDatabase),
            KeyValuePair.Create("drop schema", BinlogEventKind.DropDatabase),
            KeyValuePair.Create("alter schema", BinlogEventKind.AlterDatabase),
        ])
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<BinlogEventKind, string> ByKind =
        Names.ToFrozenDictionary(entry => entry.Kind, entry => entry.Name);

    /// <summary>Reads a DM event name, without regard to case.</summary>
    /// <exception cref="ArgumentException">Not one of DM's event names.</exception>
    public static BinlogEventKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryParse(name, out var kind)
            ? kind
            : throw new ArgumentException($"\"{name}\" is not a binlog event filter event name.", nameof(name));
    }

    public static bool TryParse(string? name, out BinlogEventKind kind) => ByName.TryGetValue(name ?? "", out kind);

    /// <summary>DM's spelling, e.g. <c>"truncate table"</c>; <see cref="BinlogEventKind.Unknown"/> is the empty string.</summary>
    public static string ToDmName(this BinlogEventKind kind) =>
        ByKind.TryGetValue(kind, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(kind), kind, null);

    /// <summary>Which group names cover a concrete kind.</summary>
    /// <exception cref="ArgumentException">A group name (all, none dml, incompatible ddl changes, …), which no event has.</exception>
    public static BinlogEventCategory Category(this BinlogEventKind kind) => kind switch
    {
        BinlogEventKind.Unknown => BinlogEventCategory.Unknown,
        BinlogEventKind.Insert or BinlogEventKind.Update or BinlogEventKind.Delete => BinlogEventCategory.Dml,
        BinlogEventKind.CreateDatabase or BinlogEventKind.AlterDatabase or BinlogEventKind.CreateTable
            or BinlogEventKind.CreateIndex or BinlogEventKind.CreateView or BinlogEventKind.DropView
            or BinlogEventKind.AlterTable or BinlogEventKind.AddTablePartition => BinlogEventCategory.Ddl,
        BinlogEventKind.All or BinlogEventKind.AllDdl or BinlogEventKind.AllDml or BinlogEventKind.None
            or BinlogEventKind.NoneDdl or BinlogEventKind.NoneDml or BinlogEventKind.IncompatibleDdlChanges =>
            throw new ArgumentException($"\"{kind.ToDmName()}\" names a group of events, not an event.", nameof(kind)),
        _ when Enum.IsDefined(kind) => BinlogEventCategory.IncompatibleDdl,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
