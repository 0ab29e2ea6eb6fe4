namespace Sluice.Replication.Ddl;

/// <summary>
/// What a statement of a binlog QUERY event is, in the words of DM's binlog event filter
/// (https://docs.pingcap.com/tidb/stable/dm-binlog-event-filter); <see cref="DdlKindExtensions.EventType"/> gives the
/// filter's name. The members from <see cref="CreateDatabase"/> on are DDL to apply.
/// </summary>
public enum DdlKind
{
    /// <summary>Not understood; <see cref="DdlStatement.Reason"/> says why. Never applied blindly.</summary>
    Unknown,

    /// <summary>Not DDL: transaction control (BEGIN, COMMIT, SAVEPOINT, XA), account management (GRANT, CREATE
    /// USER), administration (FLUSH, ANALYZE/OPTIMIZE/REPAIR TABLE, SET) and statement-format DML.</summary>
    NotDdl,

    /// <summary>CREATE/DROP TEMPORARY TABLE: session-local; in ROW format the rows of temporary tables are never
    /// logged, so these statements are skipped.</summary>
    TemporaryTable,

    CreateDatabase,
    DropDatabase,
    AlterDatabase,
    CreateTable,
    DropTable,
    TruncateTable,

    /// <summary>RENAME TABLE (one pair per statement after splitting) and ALTER TABLE … RENAME [TO|AS].</summary>
    RenameTable,

    AlterTable,
    CreateIndex,
    DropIndex,
    CreateView,
    DropView,

    /// <summary>Other DDL: ALTER VIEW, triggers, routines, events, sequences, servers, tablespaces. Views name their
    /// tables; the others name none and are applied as written.</summary>
    OtherDdl,
}
