using System.Globalization;
using System.Text;

namespace Sluice.Migration.Dump;

/// <summary>
/// The <c>metadata</c> file in mydumper's layout, which DM's loader and operators' scripts read for the start
/// position of replication.
/// </summary>
/// <remarks>https://github.com/mydumper/mydumper (the metadata file), https://docs.pingcap.com/tidb/stable/dm-dump-unit</remarks>
internal static class MetadataFile
{
    public static string Format(DateTimeOffset started, SourcePosition? position, DateTimeOffset finished)
    {
        var text = new StringBuilder();
        text.Append("Started dump at: ").Append(Time(started)).Append('\n');
        if (position is not null)
        {
            text.Append("SHOW MASTER STATUS:\n");
            text.Append("\tLog: ").Append(position.File).Append('\n');
            text.Append("\tPos: ").Append(position.Position.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("\tGTID:").Append(position.Gtid ?? string.Empty).Append("\n\n");
        }

        text.Append("Finished dump at: ").Append(Time(finished)).Append('\n');
        return text.ToString();
    }

    private static string Time(DateTimeOffset time) =>
        time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
