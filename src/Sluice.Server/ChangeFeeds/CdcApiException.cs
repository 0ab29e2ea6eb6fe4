using Microsoft.AspNetCore.Http;

namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// An expected failure of a TiCDC API call, answered as <c>{"error_msg": Message, "error_code": ErrorCode}</c> with
/// <see cref="Status"/> (400 unless said otherwise), as TiCDC's API does.
/// </summary>
public sealed class CdcApiException : Exception
{
    public CdcApiException(string errorCode, string message, int status = StatusCodes.Status400BadRequest)
        : base(message)
    {
        ErrorCode = errorCode;
        Status = status;
    }

    public CdcApiException()
        : this(CdcErrorCodes.ApiInvalidParam, "bad request")
    {
    }

    public CdcApiException(string message)
        : this(CdcErrorCodes.ApiInvalidParam, message)
    {
    }

    public CdcApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = CdcErrorCodes.ApiInvalidParam;
        Status = StatusCodes.Status400BadRequest;
    }

    public string ErrorCode { get; }

    public int Status { get; }

    public static CdcApiException InvalidParam(string message) => new(CdcErrorCodes.ApiInvalidParam, message);

    public static CdcApiException NotFound(string id) => new(CdcErrorCodes.ChangefeedNotExists, $"changefeed not exists, key: {id}");
}
