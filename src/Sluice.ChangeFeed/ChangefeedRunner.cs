using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Sluice.ChangeFeed;

/// <summary>
/// Runs one changefeed: reads its source's binlog from the checkpoint (or start_ts), decodes, filters and hands
/// transactions to the sink in commit order, and moves the checkpoint as the sink acknowledges. One run lasts until
/// it is cancelled, reaches target_ts, or fails; the supervisor decides what happens next.
/// </summary>
public sealed partial class ChangefeedRunner
{
    private readonly ChangefeedDefinition _definition;
    private readonly ChangefeedSource _source;
    private readonly IChangefeedCheckpointStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public ChangefeedRunner(
        ChangefeedDefinition definition,
        ChangefeedSource source,
        IChangefeedCheckpointStore store,
        ILogger? logger = null,
        TimeProvider? time = null)
    {
        _definition = definition ?? throw new ArgumentNullException(nameof(definition));
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    public ChangefeedProgress Progress { get; } = new();

    /// <summary>Runs until cancelled (<see cref="ChangefeedOutcome.Stopped"/>) or target_ts is reached (<see cref="ChangefeedOutcome.Finished"/>).</summary>
    /// <exception cref="ChangefeedException">The source, the sink or the configuration failed; <see cref="ChangefeedException.IsRetryable"/> says whether to try again.</exception>
    public Task<ChangefeedOutcome> RunAsync(CancellationToken cancellationToken)
    {
        _ = (_definition, _source, _store, _logger, _time, cancellationToken);
        throw new NotImplementedException("the changefeed processor lands next");
    }
}
