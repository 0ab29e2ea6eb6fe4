namespace Sluice.ChangeFeed.Sinks.Kafka;

/// <summary>
/// Counts messages produced and not yet acknowledged, keeps the first failed delivery report, and lets the sink wait
/// until what is in flight drops below a bound (memory) or to nothing (flush). Delivery reports arrive on
/// librdkafka's thread; waiters continue on the thread pool.
/// </summary>
internal sealed class DeliveryTracker
{
    private readonly Lock _lock = new();
    private readonly List<(long Limit, TaskCompletionSource Done)> _waiters = [];
    private long _bytes;
    private long _messages;
    private ChangefeedException? _failure;

    public long InFlightBytes
    {
        get
        {
            lock (_lock)
                return _bytes;
        }
    }

    public long InFlightMessages
    {
        get
        {
            lock (_lock)
                return _messages;
        }
    }

    /// <summary>The first failed delivery, if any.</summary>
    public ChangefeedException? Failure
    {
        get
        {
            lock (_lock)
                return _failure;
        }
    }

    public void Produced(int bytes)
    {
        lock (_lock)
        {
            _bytes += bytes;
            _messages++;
        }
    }

    /// <summary>A delivery report: <paramref name="failure"/> is null when the broker acknowledged the message.</summary>
    public void Delivered(int bytes, ChangefeedException? failure)
    {
        List<TaskCompletionSource>? ready = null;
        lock (_lock)
        {
            _bytes -= bytes;
            _messages--;
            _failure ??= failure;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var (limit, done) = _waiters[i];
                if (Satisfied(limit))
                {
                    (ready ??= []).Add(done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        if (ready is not null)
        {
            foreach (var done in ready)
                done.TrySetResult();
        }
    }

    /// <summary>Waits until at most <paramref name="limitBytes"/> are in flight (0: until every message is acknowledged or failed).</summary>
    public async Task WaitAsync(long limitBytes, CancellationToken cancellationToken)
    {
        TaskCompletionSource done;
        lock (_lock)
        {
            if (Satisfied(limitBytes))
                return;
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((limitBytes, done));
        }

        try
        {
            await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
                _waiters.RemoveAll(w => w.Done == done);
            throw;
        }
    }

    private bool Satisfied(long limit) => limit <= 0 ? _messages == 0 : _bytes <= limit;
}
