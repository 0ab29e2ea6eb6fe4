namespace Sluice.ChangeFeed.Supervision;

/// <summary>The last error of a changefeed, as TiCDC's RunningError shows it: when, TiCDC's code (<c>CDC:Err…</c>) and the message.</summary>
public sealed record ChangefeedError(DateTimeOffset Time, string Code, string Message)
{
    /// <summary>The code given to failures that are not a <see cref="ChangefeedException"/> (a bug, not a condition).</summary>
    public const string UnknownCode = "CDC:ErrProcessorUnknown";

    public static ChangefeedError From(Exception exception, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is ChangefeedException changefeed
            ? new ChangefeedError(time, changefeed.Code, changefeed.Message)
            : new ChangefeedError(time, UnknownCode, exception.Message);
    }
}
