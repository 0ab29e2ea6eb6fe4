namespace Sluice.Cli.Dmctl;

/// <summary>The master answered with an error: DM's <c>{"error_msg", "error_code"}</c>, or a status without that body.</summary>
internal sealed class DmApiException : Exception
{
    public DmApiException(int? errorCode, string message, int statusCode)
        : base(message)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
    }

    public DmApiException()
    {
    }

    public DmApiException(string message)
        : base(message)
    {
    }

    public DmApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>DM's numeric error code; null when the answer had none.</summary>
    public int? ErrorCode { get; }

    /// <summary>The HTTP status of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>The line printed on stderr: <c>error 46018: task t does not exist</c>.</summary>
    public string ToErrorLine() => ErrorCode is { } code ? $"error {code}: {Message}" : $"error: {Message}";
}
