using System.Text;
using System.Text.RegularExpressions;
using Sluice.ChangeFeed.Sinks.Kafka;

namespace Sluice.ChangeFeed.Dispatching;

/// <summary>
/// A dispatcher's topic: <c>[prefix]{schema}[middle][{table}][suffix]</c> or a hard-coded name, where prefix, middle
/// and suffix hold only <c>A-Z a-z 0-9 . _ -</c> and the placeholders are lower case. The avro protocol needs both
/// placeholders (one schema per topic). Substituted names have every other character replaced by <c>_</c> and are cut
/// to Kafka's 249 characters, as TiCDC does.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-kafka ("Topic dispatchers")</remarks>
public sealed partial class TopicExpression
{
    private const int MaxTopicLength = 249;

    private TopicExpression(string text) => Text = text;

    public string Text { get; }

    /// <summary>True when the expression names one topic for every table.</summary>
    public bool IsHardCoded => !Text.Contains('{', StringComparison.Ordinal);

    /// <exception cref="ChangefeedException">CDC:ErrKafkaInvalidTopicExpression (not retryable).</exception>
    public static TopicExpression Parse(string text, string? protocol = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(protocol, "avro", StringComparison.OrdinalIgnoreCase))
        {
            if (!AvroExpression().IsMatch(text))
                throw Invalid(text, "with the avro protocol it must have the form [prefix]{schema}[middle]{table}[suffix]");
        }
        else if (!HardCoded().IsMatch(text) && !Expression().IsMatch(text))
        {
            throw Invalid(text, "it must be a topic name or [prefix]{schema}[middle][{table}][suffix], where prefix, middle and suffix hold only A-Z, a-z, 0-9, '.', '_' and '-'");
        }

        if (text is "." or ".." || (HardCoded().IsMatch(text) && text.Length > MaxTopicLength))
            throw Invalid(text, "it is not a valid Kafka topic name");
        return new TopicExpression(text);
    }

    /// <summary>The topic of a table (or of a schema, for schema-level events: <paramref name="table"/> empty).</summary>
    public string Substitute(string schema, string table)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(table);
        if (IsHardCoded)
            return Text;
        var name = new StringBuilder(Text).Replace("{schema}", schema).Replace("{table}", table);
        for (var i = 0; i < name.Length; i++)
        {
            if (!KafkaSinkOptions.IsTopicChar(name[i]))
                name[i] = '_';
        }

        if (name.Length > MaxTopicLength)
            name.Length = MaxTopicLength;
        return name.ToString();
    }

    public override string ToString() => Text;

    private static ChangefeedException Invalid(string text, string why) =>
        new("CDC:ErrKafkaInvalidTopicExpression", $"topic expression '{text}' is invalid: {why}", isRetryable: false);

    [GeneratedRegex(@"^[A-Za-z0-9._\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HardCoded();

    [GeneratedRegex(@"^[A-Za-z0-9._\-]*\{schema\}([A-Za-z0-9._\-]*\{table\})?[A-Za-z0-9._\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Expression();

    [GeneratedRegex(@"^[A-Za-z0-9._\-]*\{schema\}[A-Za-z0-9._\-]*\{table\}[A-Za-z0-9._\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex AvroExpression();
}
