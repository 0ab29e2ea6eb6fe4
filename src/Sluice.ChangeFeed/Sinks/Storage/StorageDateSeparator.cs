namespace Sluice.ChangeFeed.Sinks.Storage;

/// <summary>
/// How the storage sink splits a table version's data files by the commit date of their transactions
/// (replica_config.sink.date-separator).
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-cloud-storage#data-change-records</remarks>
public enum StorageDateSeparator
{
    /// <summary>No date directory.</summary>
    None,

    /// <summary><c>2022</c>.</summary>
    Year,

    /// <summary><c>2022-01</c>.</summary>
    Month,

    /// <summary><c>2022-01-02</c> (TiCDC's default).</summary>
    Day,
}
