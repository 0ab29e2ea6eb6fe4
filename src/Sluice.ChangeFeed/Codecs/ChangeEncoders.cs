using Sluice.ChangeFeed.Codecs.CanalJson;
using Sluice.ChangeFeed.Codecs.Csv;
using Sluice.ChangeFeed.Codecs.OpenProtocol;
using Sluice.ChangeFeed.Sinks;

namespace Sluice.ChangeFeed.Codecs;

/// <summary>Picks a protocol's encoder by its TiCDC name.</summary>
public static class ChangeEncoders
{
    /// <summary>The protocols Sluice encodes, as sink.protocol and the sink URI's <c>protocol</c> name them.</summary>
    public static IReadOnlyList<string> Protocols { get; } = ["canal-json", "open-protocol", "csv"];

    /// <exception cref="ChangefeedException">CDC:ErrSinkUnknownProtocol for a protocol Sluice does not encode.</exception>
    public static IChangeEncoder Create(string protocol, EncoderOptions options, string terminator = "\r\n", TimeProvider? time = null) =>
        protocol.ToLowerInvariant() switch
        {
            "canal-json" => new CanalJsonEncoder(options, time),
            "open-protocol" or "default" => new OpenProtocolEncoder(options),
            "csv" => new CsvEncoder(options, terminator),
            _ => throw new ChangefeedException(
                "CDC:ErrSinkUnknownProtocol",
                $"protocol '{protocol}' is not supported; use one of {string.Join(", ", Protocols)}",
                isRetryable: false),
        };

    /// <summary>The encoder options of a changefeed, with what its sink URI says on top (enable-tidb-extension, max-message-bytes).</summary>
    public static EncoderOptions OptionsFor(ChangefeedDefinition definition, SinkUri uri)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(uri);
        var options = definition.Options.Encoder with { ChangefeedId = definition.Id };
        try
        {
            return options with
            {
                EnableTidbExtension = uri.GetBool("enable-tidb-extension", options.EnableTidbExtension),
                MaxMessageBytes = uri.GetInt("max-message-bytes", options.MaxMessageBytes, 1),
            };
        }
        catch (FormatException ex)
        {
            throw new ChangefeedException("CDC:ErrSinkURIInvalid", ex.Message, isRetryable: false, ex);
        }
    }
}
