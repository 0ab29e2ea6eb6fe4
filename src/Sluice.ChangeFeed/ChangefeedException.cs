namespace Sluice.ChangeFeed;

/// <summary>
/// A changefeed stopped by an error: <see cref="Code"/> is TiCDC's error code (<c>CDC:ErrMySQLConnectionError</c>,
/// <c>CDC:ErrKafkaSendMessage</c>, …) and <see cref="IsRetryable"/> says whether trying again later may succeed
/// (decided from MySQL error numbers and exception types, never from message text).
/// </summary>
public sealed class ChangefeedException : Exception
{
    public ChangefeedException(string code, string message, bool isRetryable, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        IsRetryable = isRetryable;
    }

    public ChangefeedException()
        : this("CDC:ErrUnknown", "changefeed error", false)
    {
    }

    public ChangefeedException(string message)
        : this("CDC:ErrUnknown", message, false)
    {
    }

    public ChangefeedException(string message, Exception inner)
        : this("CDC:ErrUnknown", message, false, inner)
    {
    }

    public string Code { get; }

    public bool IsRetryable { get; }
}
