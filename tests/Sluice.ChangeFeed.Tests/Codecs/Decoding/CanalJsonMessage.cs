namespace Sluice.ChangeFeed.Tests.Codecs.Decoding;

/// <summary>A canal-json message read back: the fields TiCDC writes, values still as the message's text.</summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-canal-json</remarks>
public sealed record CanalJsonMessage(
    long Id,
    string Database,
    string Table,
    IReadOnlyList<string>? PkNames,
    bool IsDdl,
    string Type,
    long Es,
    long Ts,
    string Sql,
    IReadOnlyDictionary<string, int>? SqlType,
    IReadOnlyDictionary<string, string>? MySqlType,
    IReadOnlyList<KeyValuePair<string, string?>>? Data,
    IReadOnlyList<KeyValuePair<string, string?>>? Old,
    ulong? CommitTs,
    ulong? WatermarkTs)
{
    /// <summary>A TIDB_WATERMARK message (enable-tidb-extension).</summary>
    public bool IsWatermark => !IsDdl && Type == "TIDB_WATERMARK";

    /// <summary>A row change: INSERT, UPDATE or DELETE.</summary>
    public bool IsRow => !IsDdl && !IsWatermark;
}
