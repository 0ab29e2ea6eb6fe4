using System.Text;
using Sluice.MySql.Binlog;

namespace Sluice.Cli.Binlog;

/// <summary>Event type names as MySQL spells its constants: WriteRowsV1 → WRITE_ROWS_V1, MariaDbGtid → MARIADB_GTID.</summary>
internal static class EventNames
{
    private static readonly string[] Names = BuildNames();

    public static string Of(BinlogEventType type) => Names[(byte)type];

    private static string[] BuildNames()
    {
        var names = new string[256];
        for (var code = 0; code < 256; code++)
        {
            var type = (BinlogEventType)code;
            names[code] = Enum.IsDefined(type) ? Upper(type.ToString()) : $"UNKNOWN_{code}";
        }

        return names;
    }

    private static string Upper(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            var boundary = i > 0 && char.IsUpper(c) && (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1]));
            if (boundary)
                text.Append('_');
            text.Append(char.ToUpperInvariant(c));
        }

        return text.Replace("MARIA_DB", "MARIADB").ToString();
    }
}
