using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Sinks.Blackhole;
using Sluice.ChangeFeed.Sinks.Storage;

namespace Sluice.ChangeFeed.Sinks;

/// <summary>Builds a changefeed's sink from its sink URI.</summary>
public static class ChangeSinks
{
    /// <summary>The sink URI schemes Sluice writes to.</summary>
    public static IReadOnlyList<string> Schemes { get; } = ["blackhole", "file", "local"];

    /// <exception cref="ChangefeedException">The URI names no sink Sluice has, or its parameters are wrong.</exception>
    public static IChangeSink Create(ChangefeedDefinition definition, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!SinkUri.TryParse(definition.SinkUri, out var uri, out var error))
            throw new ChangefeedException("CDC:ErrSinkURIInvalid", error, isRetryable: false);
        var options = definition.Options;
        switch (uri.Scheme)
        {
            case "blackhole":
                return BlackholeSink.FromUri(uri);
            case "file" or "local":
            {
                var storage = StorageSinkOptions.FromUri(uri, options.Storage, options.Protocol);
                var encoder = ChangeEncoders.Create(storage.Protocol, ChangeEncoders.OptionsFor(definition, uri), storage.Terminator, time);
                return new StorageSink(storage, encoder, time);
            }

            default:
                throw new ChangefeedException(
                    "CDC:ErrSinkURIInvalid",
                    $"sink scheme {uri.Scheme}:// is not supported; use one of {string.Join(", ", Schemes.Select(s => s + "://"))}",
                    isRetryable: false);
        }
    }
}
