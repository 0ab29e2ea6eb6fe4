using Sluice.MySql.Positions;

namespace Sluice.MySql.Binlog.Events;

/// <summary>MariaDB's GTID_EVENT: starts an event group (a transaction, or one standalone DDL).</summary>
/// <remarks>https://mariadb.com/kb/en/gtid_event/</remarks>
public sealed class MariaDbGtidEvent(BinlogEventHeader header, MariaDbGtid gtid, byte flags, ulong? commitId, MariaDbXid? xid = null)
    : BinlogEvent(header)
{
    public const byte StandaloneFlag = 0x01;
    public const byte GroupCommitIdFlag = 0x02;
    public const byte TransactionalFlag = 0x04;
    public const byte AllowParallelFlag = 0x08;
    public const byte WaitedFlag = 0x10;
    public const byte DdlFlag = 0x20;
    public const byte PreparedXaFlag = 0x40;
    public const byte CompletedXaFlag = 0x80;

    public MariaDbGtid Gtid { get; } = gtid;

    public byte Flags { get; } = flags;

    public ulong? CommitId { get; } = commitId;

    /// <summary>The XA transaction id, when <see cref="PreparedXaFlag"/> or <see cref="CompletedXaFlag"/> is set.</summary>
    public MariaDbXid? Xid { get; } = xid;

    /// <summary>A standalone group has no BEGIN/COMMIT: the one statement after it is the whole transaction.</summary>
    public bool IsStandalone => (Flags & StandaloneFlag) != 0;

    public bool IsDdl => (Flags & DdlFlag) != 0;
}
