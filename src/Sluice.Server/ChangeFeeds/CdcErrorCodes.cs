namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// The codes TiCDC's API answers in <c>error_code</c>, spelled as TiCDC spells them (pkg/errors/cdc_errors.go), so that
/// scripts which compare them keep working.
/// </summary>
internal static class CdcErrorCodes
{
    /// <summary>A bad parameter or body: bad JSON, a bad changefeed id, a start_ts in the future, an unknown field.</summary>
    public const string ApiInvalidParam = "CDC:ErrAPIInvalidParam";

    /// <summary>No changefeed of that id (TiCDC answers it with 400).</summary>
    public const string ChangefeedNotExists = "CDC:ErrChangeFeedNotExists";

    public const string ChangefeedAlreadyExists = "CDC:ErrChangeFeedAlreadyExists";

    /// <summary>An update of a changefeed that is not stopped or failed, or that changes nothing allowed.</summary>
    public const string ChangefeedUpdateRefused = "CDC:ErrChangefeedUpdateRefused";

    /// <summary>An operation the changefeed's state does not allow (pausing a finished one, …).</summary>
    public const string ChangefeedAbnormalState = "CDC:ErrChangefeedAbnormalState";

    public const string SinkUriInvalid = "CDC:ErrSinkURIInvalid";

    public const string SinkUnknownProtocol = "CDC:ErrSinkUnknownProtocol";

    public const string TargetTsBeforeStartTs = "CDC:ErrTargetTsBeforeStartTs";

    /// <summary>The changefeed names no registered source, or cannot pick one.</summary>
    public const string UpstreamNotFound = "CDC:ErrUpstreamNotFound";

    public const string CaptureNotExist = "CDC:ErrCaptureNotExist";

    public const string InternalServerError = "CDC:ErrInternalServerError";
}
