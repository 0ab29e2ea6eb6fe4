using System.Text;

namespace Sluice.ChangeFeed.Codecs.Debezium;

/// <summary>
/// The names debezium messages give their schemas: <c>{cluster}.{schema}.{table}.Key|Value|Envelope</c>, with the
/// characters Kafka Connect schema names cannot hold replaced by '_', as TiCDC does.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-debezium</remarks>
internal static class DebeziumNames
{
    public static string SchemaPrefix(string clusterId, string schema, string table) =>
        $"{SanitizeName(clusterId)}.{SanitizeName(schema)}.{SanitizeTopicName(table)}";

    /// <summary>Letters, digits and '_' stay; anything else becomes '_'; a leading digit gets a '_' before it.</summary>
    public static string SanitizeName(string name)
    {
        var text = new StringBuilder(name.Length + 1);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i == 0 && char.IsAsciiDigit(c))
                text.Append('_').Append(c);
            else
                text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return text.ToString();
    }

    /// <summary>What a Kafka topic name may hold (letters, digits, '.', '_', '-'); anything else becomes '_'.</summary>
    public static string SanitizeTopicName(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        return text.ToString();
    }
}
