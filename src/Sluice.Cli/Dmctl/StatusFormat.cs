using System.Globalization;
using System.Text.Json.Nodes;

namespace Sluice.Cli.Dmctl;

/// <summary>
/// Readable lines from the API's SubTaskStatus (dump_status, load_status, sync_status), for the status tables and
/// the watch display.
/// </summary>
internal static class StatusFormat
{
    public static string Text(JsonNode? node, string key) =>
        node?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    public static double Number(JsonNode? node, string key) =>
        node?[key] is JsonValue value && value.TryGetValue<double>(out var number) ? number : 0;

    /// <summary>A whole number without separators (a port, a count in JSON).</summary>
    public static string Integer(JsonNode? node, string key) => Number(node, key).ToString("0", CultureInfo.InvariantCulture);

    public static bool Flag(JsonNode? node, string key) =>
        node?[key] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    /// <summary>DM's "45.00 %" as 45; 0 when it is not a percentage.</summary>
    public static double Percent(string progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var number = progress.Replace("%", "", StringComparison.Ordinal).Trim();
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) ? Math.Clamp(percent, 0, 100) : 0;
    }

    /// <summary>The current unit's progress: the dump's or the load's; empty for sync (see <see cref="Sync"/>).</summary>
    public static string Progress(JsonNode subtask) => Text(subtask, "unit") switch
    {
        "dump" when subtask["dump_status"] is JsonObject dump => Dump(dump),
        "load" when subtask["load_status"] is JsonObject load => Load(load),
        _ => "",
    };

    /// <summary>"dump 45.00 %: 1,200 of ~3,000 rows, 1 of 3 tables, 2.0 MiB/s".</summary>
    public static string Dump(JsonNode dump) =>
        $"dump {Text(dump, "progress")}: {Count(Number(dump, "finished_rows"))} of ~{Count(Number(dump, "estimate_total_rows"))} rows, "
        + $"{Count(Number(dump, "completed_tables"))} of {Count(Number(dump, "total_tables"))} tables, {Bytes(Number(dump, "bps"))}/s";

    /// <summary>"load 12.00 %: 1.2 MiB of 10.0 MiB, 3.0 MiB/s".</summary>
    public static string Load(JsonNode load) =>
        $"load {Text(load, "progress")}: {Bytes(Number(load, "finished_bytes"))} of {Bytes(Number(load, "total_bytes"))}, {Bytes(Number(load, "bps"))}/s";

    /// <summary>"12 rows/s (3,456 events), lag 0 s, synced" from sync_status.</summary>
    public static string Sync(JsonNode sync) =>
        $"{Count(Number(sync, "recent_tps"))} rows/s ({Count(Number(sync, "total_events"))} events), lag {Count(Number(sync, "seconds_behind_master"))} s"
        + (Flag(sync, "synced") ? ", synced" : "");

    /// <summary>"(binlog.000003, 1234) gtid 0-1-10": a binlog position as DM writes it, and its GTID set when there is one.</summary>
    public static string Binlog(string position, string gtid) =>
        string.IsNullOrEmpty(gtid) ? position : string.IsNullOrEmpty(position) ? "gtid " + gtid : $"{position} gtid {gtid}";

    public static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes.ToString("0", CultureInfo.InvariantCulture)} B" : $"{bytes.ToString("0.0", CultureInfo.InvariantCulture)} {units[unit]}";
    }
}
