namespace Sluice.MySql.Binlog.Events;

/// <summary>The XA transaction id carried by a MariaDB GTID_EVENT of an XA PREPARE or XA COMMIT/ROLLBACK.</summary>
/// <param name="FormatId">formatID of the XID.</param>
/// <param name="GlobalTransactionId">gtrid bytes.</param>
/// <param name="BranchQualifier">bqual bytes.</param>
public sealed record MariaDbXid(int FormatId, byte[] GlobalTransactionId, byte[] BranchQualifier);
