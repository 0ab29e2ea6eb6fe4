using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Supervision;

/// <summary>A changefeed's state at one moment, for the API and for what the server stores.</summary>
/// <param name="Id">The changefeed's id.</param>
/// <param name="State">Its state.</param>
/// <param name="Error">The last error (kept until the changefeed is resumed or makes progress again).</param>
/// <param name="CheckpointTs">Everything committed up to here is acknowledged by the sink.</param>
/// <param name="ResolvedTs">The source has been read up to here.</param>
/// <param name="Running">Whether a run is going now (false while Pending waits).</param>
public sealed record ChangefeedStatus(string Id, ChangefeedState State, ChangefeedError? Error, Tso CheckpointTs, Tso ResolvedTs, bool Running);
