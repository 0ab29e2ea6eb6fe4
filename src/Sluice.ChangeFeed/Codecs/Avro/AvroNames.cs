using System.Text;

namespace Sluice.ChangeFeed.Codecs.Avro;

/// <summary>Avro names as TiCDC makes them: letters, digits and '_' only, never a leading digit.</summary>
/// <remarks>https://avro.apache.org/docs/1.12.0/specification/#names</remarks>
internal static class AvroNames
{
    /// <summary>The changefeed namespace TiCDC puts before the schema name ("default" unless a namespace is used).</summary>
    public const string ChangefeedNamespace = "default";

    public static string Sanitize(string name)
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

    /// <summary>"{changefeed namespace}.{schema}", the record namespace.</summary>
    public static string Namespace(string schema) => $"{Sanitize(ChangefeedNamespace)}.{Sanitize(schema)}";

    /// <summary>The topic as the subject prefix: '.' replaced, as it means something to sink connectors.</summary>
    public static string SanitizeTopic(string topic) => topic.Replace('.', '_');
}
