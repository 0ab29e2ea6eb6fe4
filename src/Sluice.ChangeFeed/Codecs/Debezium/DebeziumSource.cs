using System.Text.Json;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs.Debezium;

/// <summary>
/// The "source" block of a debezium value: Debezium MySQL's fields (binlog file, position, GTID left empty, as TiCDC
/// does) plus TiCDC's commit_ts and cluster_id.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-debezium</remarks>
internal static class DebeziumSource
{
    /// <summary>The Debezium release whose message layout TiCDC follows.</summary>
    public const string Version = "2.4.0.Final";

    public static void Write(Utf8JsonWriter json, string clusterId, Tso commitTs, string db, string? table)
    {
        json.WriteStartObject("source");
        json.WriteString("version", Version);
        json.WriteString("connector", "TiCDC");
        json.WriteString("name", clusterId);
        json.WriteNumber("ts_ms", commitTs.PhysicalMilliseconds);
        json.WriteString("snapshot", "false");
        json.WriteString("db", db);
        json.WriteString("table", table ?? string.Empty);
        json.WriteNumber("server_id", 0);
        json.WriteNull("gtid");
        json.WriteString("file", string.Empty);
        json.WriteNumber("pos", 0);
        json.WriteNumber("row", 0);
        json.WriteNumber("thread", 0);
        json.WriteNull("query");
        json.WriteNumber("commit_ts", commitTs.Value);
        json.WriteString("cluster_id", clusterId);
        json.WriteEndObject();
    }
}
