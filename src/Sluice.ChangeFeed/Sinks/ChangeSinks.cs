namespace Sluice.ChangeFeed.Sinks;

/// <summary>Builds a changefeed's sink from its sink URI.</summary>
public static class ChangeSinks
{
    /// <exception cref="ChangefeedException">The URI names no sink Sluice has, or its parameters are wrong.</exception>
    public static IChangeSink Create(ChangefeedDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!SinkUri.TryParse(definition.SinkUri, out var uri, out var error))
            throw new ChangefeedException("CDC:ErrSinkURIInvalid", error, isRetryable: false);
        throw new ChangefeedException("CDC:ErrSinkURIInvalid", $"sink scheme {uri.Scheme}:// is not supported", isRetryable: false);
    }
}
