using Microsoft.AspNetCore.Http;

namespace Sluice.Server.Errors;

/// <summary>
/// An expected failure of an API call, answered as <c>{"error_msg": Message, "error_code": ErrorCode}</c> with
/// <see cref="Status"/> (400 unless said otherwise), as DM's API does.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(int errorCode, string message, int status = StatusCodes.Status400BadRequest)
        : base(message)
    {
        ErrorCode = errorCode;
        Status = status;
    }

    public ApiException()
        : this(DmErrorCodes.OpenApiCommon, "bad request")
    {
    }

    public ApiException(string message)
        : this(DmErrorCodes.OpenApiCommon, message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = DmErrorCodes.OpenApiCommon;
        Status = StatusCodes.Status400BadRequest;
    }

    public int ErrorCode { get; }

    public int Status { get; }
}
