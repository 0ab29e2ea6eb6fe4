using System.Globalization;
using Sluice.ChangeFeed.Supervision;

namespace Sluice.Server.ChangeFeeds;

/// <summary>A stored changefeed and its status as the API shows them (sink password masked).</summary>
internal static class ChangefeedView
{
    public static ChangefeedInfo Info(StoredChangefeed stored, ChangefeedStatus status, CaptureIdentity capture) => new()
    {
        AdminJobType = AdminJobType(status.State),
        CheckpointTime = status.CheckpointTs.ToTimeText(),
        CheckpointTs = status.CheckpointTs.Value,
        Config = stored.Config,
        CreateTime = GoTime(stored.CreateTime),
        CreatorVersion = stored.CreatorVersion,
        Error = Error(status, capture),
        Id = stored.Id,
        ResolvedTs = status.ResolvedTs.Value,
        SinkUri = stored.SinkUri,
        StartTs = stored.StartTs,
        State = status.State.ToApiName(),
        TargetTs = stored.TargetTs,
        TaskStatus = status.Running ? [new TaskStatus(capture.Id, [])] : [],
        SourceName = stored.SourceName,
        Snapshot = stored.Snapshot,
    };

    public static ChangefeedCommonInfo Common(StoredChangefeed stored, ChangefeedStatus status, CaptureIdentity capture) =>
        new(stored.Id, status.State.ToApiName(), status.CheckpointTs.Value, status.CheckpointTs.ToTimeText(), Error(status, capture));

    public static RunningError? Error(ChangefeedStatus status, CaptureIdentity capture) =>
        status.Error is { } e ? new RunningError(GoTime(e.Time), capture.Address, e.Code, e.Message) : null;

    /// <summary>Go's JSON time (RFC 3339 with the fraction's trailing zeros left out), in UTC.</summary>
    public static string GoTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>TiCDC's AdminJobType of the last admin job: 0 none, 1 stop (paused), 2 resume, 3 remove, 4 finish.</summary>
    private static int AdminJobType(ChangefeedState state) => state switch
    {
        ChangefeedState.Stopped => 1,
        ChangefeedState.Removed => 3,
        ChangefeedState.Finished => 4,
        _ => 0,
    };
}
