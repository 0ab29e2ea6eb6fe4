using Sluice.Replication.Configuration;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sluice.Server.Tasks;

namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// A duration of replica_config: read from a Go duration string ("10m", as TiCDC's docs write it) or a number of
/// nanoseconds, written as nanoseconds (as the doc says TiCDC returns it).
/// </summary>
internal sealed class NanosecondsConverter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var nanoseconds) && nanoseconds >= 0:
                return nanoseconds;
            case JsonTokenType.String when GoDuration.TryParse(reader.GetString() ?? "", out var duration) && duration >= TimeSpan.Zero && duration.Ticks <= long.MaxValue / 100:
                return duration.Ticks * 100;
            default:
                throw new JsonException("a duration is a Go duration string like \"10m\" or a non-negative number of nanoseconds.");
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } nanoseconds)
            writer.WriteNumberValue(nanoseconds);
        else
            writer.WriteNullValue();
    }
}
