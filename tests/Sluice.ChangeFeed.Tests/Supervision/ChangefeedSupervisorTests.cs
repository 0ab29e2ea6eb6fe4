using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Supervision;

namespace Sluice.ChangeFeed.Tests.Supervision;

/// <summary>
/// The changefeed states of https://docs.pingcap.com/tidb/stable/ticdc-changefeed-overview driven by scripted runs on
/// a fake clock: retryable errors back off 10 s, 20 s, … up to 10 min and fail after 30 min without progress;
/// non-retryable errors fail at once; target_ts finishes; pause, resume and update as the user asks.
/// </summary>
public sealed class ChangefeedSupervisorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retryable_errors_back_off_from_10_s_doubling_up_to_10_min_and_fail_after_30_min_without_progress()
    {
        var h = new SupervisorHarness();
        Assert.True(h.Supervisor.Start());
        await h.ExpectAsync(ChangefeedState.Normal);

        // Errors at 0, 10, 30, 70, 150, 310, 630 and 1230 s: the one at 1830 s is past 30 minutes of no progress.
        int[] backoffs = [10, 20, 40, 80, 160, 320, 600, 600];
        foreach (var seconds in backoffs)
        {
            var run = await h.Runs.NextAsync();
            Assert.Equal(h.Time.GetUtcNow(), run.StartedAt);
            run.Fail(retryable: true);
            var pending = await h.ExpectAsync(ChangefeedState.Pending);
            Assert.Equal("CDC:ErrMySQLConnectionError", pending.Error?.Code);
            Assert.Equal(h.Time.GetUtcNow(), pending.Error?.Time);
            Assert.False(pending.Running);

            var count = h.Runs.Count;
            h.Time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(count, h.Runs.Count);
            h.Time.Advance(TimeSpan.FromMilliseconds(1));
            var warning = await h.ExpectAsync(ChangefeedState.Warning);
            Assert.NotNull(warning.Error);
        }

        Assert.Equal(SupervisorHarness.Epoch.AddSeconds(1830), h.Time.GetUtcNow());
        var last = await h.Runs.NextAsync();
        last.Fail(retryable: true);
        var failed = await h.ExpectAsync(ChangefeedState.Failed);
        Assert.Equal("CDC:ErrMySQLConnectionError", failed.Error?.Code);

        // Failed stays: no more tries however long one waits.
        var runs = h.Runs.Count;
        h.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(runs, h.Runs.Count);
        Assert.Equal(ChangefeedState.Failed, h.Supervisor.Snapshot().State);
        await h.ExpectNoChangeAsync();
    }

    [Fact]
    public async Task A_checkpoint_that_moves_after_an_error_makes_it_normal_and_starts_the_backoff_over()
    {
        var h = new SupervisorHarness();
        h.Supervisor.Start();
        await h.ExpectAsync(ChangefeedState.Normal);
        (await h.Runs.NextAsync()).Fail(retryable: true);
        await h.ExpectAsync(ChangefeedState.Pending);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        await h.ExpectAsync(ChangefeedState.Warning);

        var second = await h.Runs.NextAsync();
        Assert.Equal(ChangefeedState.Warning, h.Supervisor.Snapshot().State);
        var moved = Tso.From(SupervisorHarness.Epoch);
        second.Progress.CheckpointTs = moved;
        var normal = h.Supervisor.Snapshot();
        Assert.Equal(ChangefeedState.Normal, normal.State);
        Assert.Null(normal.Error);
        Assert.Equal(moved, normal.CheckpointTs);
        await h.ExpectAsync(ChangefeedState.Normal);

        // Progress was made: the next error waits 10 s again, not 20 s.
        second.Fail(retryable: true);
        await h.ExpectAsync(ChangefeedState.Pending);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        await h.ExpectAsync(ChangefeedState.Warning);
        var third = await h.Runs.NextAsync();
        Assert.Equal(SupervisorHarness.Epoch.AddSeconds(20), third.StartedAt);
        Assert.Equal(moved, h.Supervisor.Snapshot().CheckpointTs);
    }

    [Fact]
    public async Task A_non_retryable_error_fails_it_until_resumed_and_resume_clears_the_error()
    {
        var h = new SupervisorHarness();
        h.Supervisor.Start();
        await h.ExpectAsync(ChangefeedState.Normal);
        (await h.Runs.NextAsync()).Fail(retryable: false, code: "CDC:ErrSinkURIInvalid");
        var failed = await h.ExpectAsync(ChangefeedState.Failed);
        Assert.Equal(new ChangefeedError(SupervisorHarness.Epoch, "CDC:ErrSinkURIInvalid", "the source went away"), failed.Error);

        h.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, h.Runs.Count);
        Assert.False(h.Supervisor.Start());

        Assert.True(await h.Supervisor.ResumeAsync(null, null, Ct));
        var resumed = await h.ExpectAsync(ChangefeedState.Normal);
        Assert.Null(resumed.Error);
        await h.Runs.NextAsync();
        Assert.Equal(2, h.Runs.Count);
    }

    [Fact]
    public async Task A_failure_that_is_not_a_changefeed_error_fails_it_with_an_unknown_code()
    {
        var h = new SupervisorHarness();
        h.Supervisor.Start();
        await h.ExpectAsync(ChangefeedState.Normal);
        (await h.Runs.NextAsync()).Crash();
        var failed = await h.ExpectAsync(ChangefeedState.Failed);
        Assert.Equal(ChangefeedError.UnknownCode, failed.Error?.Code);
    }

    [Fact]
    public async Task Reaching_target_ts_finishes_it_and_a_finished_changefeed_is_neither_paused_nor_resumed()
    {
        var h = new SupervisorHarness();
        h.Supervisor.Start();
        await h.ExpectAsync(ChangefeedState.Normal);
        (await h.Runs.NextAsync()).Finish();
        await h.ExpectAsync(ChangefeedState.Finished);

        Assert.False(await h.Supervisor.PauseAsync(Ct));
        Assert.False(await h.Supervisor.ResumeAsync(null, null, Ct));
        Assert.False(h.Supervisor.Update(h.Definition with { TargetTs = new Tso(1) }));
        Assert.Equal(ChangefeedState.Finished, h.Supervisor.Snapshot().State);
        Assert.Equal(1, h.Runs.Count);
    }

    [Fact]
    public async Task Pause_stops_the_run_and_resume_runs_the_updated_definition()
    {
        var h = new SupervisorHarness();
        h.Supervisor.Start();
        await h.ExpectAsync(ChangefeedState.Normal);
        var first = await h.Runs.NextAsync();
        first.Progress.CheckpointTs = new Tso(h.Definition.StartTs.Value + 5);

        Assert.True(await h.Supervisor.PauseAsync(Ct));
        Assert.True(first.Cancelled);
        var stopped = await h.ExpectAsync(ChangefeedState.Stopped);
        Assert.False(stopped.Running);
        Assert.Equal(new Tso(h.Definition.StartTs.Value + 5), stopped.CheckpointTs);
        Assert.True(await h.Supervisor.PauseAsync(Ct));
        await h.ExpectAsync(ChangefeedState.Stopped);

        var updated = h.Definition with { SinkUri = "file:///tmp/feed" };
        Assert.True(h.Supervisor.Update(updated));
        Assert.True(await h.Supervisor.ResumeAsync(null, null, Ct));
        await h.ExpectAsync(ChangefeedState.Normal);
        var second = await h.Runs.NextAsync();
        Assert.Equal("file:///tmp/feed", second.Definition.SinkUri);
        Assert.Equal(new Tso(h.Definition.StartTs.Value + 5), h.Supervisor.Snapshot().CheckpointTs);
    }

    [Fact]
    public async Task Update_is_refused_unless_stopped_or_failed()
    {
        var h = new SupervisorHarness();
        var changed = h.Definition with { TargetTs = new Tso(ulong.MaxValue) };
        h.Supervisor.Start();
        await h.ExpectAsync(ChangefeedState.Normal);
        Assert.False(h.Supervisor.Update(changed));

        (await h.Runs.NextAsync()).Fail(retryable: true);
        await h.ExpectAsync(ChangefeedState.Pending);
        Assert.False(h.Supervisor.Update(changed));
        h.Time.Advance(TimeSpan.FromSeconds(10));
        await h.ExpectAsync(ChangefeedState.Warning);
        Assert.False(h.Supervisor.Update(changed));

        (await h.Runs.NextAsync()).Fail(retryable: false);
        await h.ExpectAsync(ChangefeedState.Failed);
        Assert.True(h.Supervisor.Update(changed));
        Assert.Equal(changed, h.Supervisor.Definition);
    }

    [Fact]
    public async Task Pausing_while_pending_cancels_the_next_try()
    {
        var h = new SupervisorHarness();
        h.Supervisor.Start();
        await h.ExpectAsync(ChangefeedState.Normal);
        (await h.Runs.NextAsync()).Fail(retryable: true);
        await h.ExpectAsync(ChangefeedState.Pending);

        Assert.True(await h.Supervisor.PauseAsync(Ct));
        var stopped = await h.ExpectAsync(ChangefeedState.Stopped);
        Assert.Equal("CDC:ErrMySQLConnectionError", stopped.Error?.Code);
        h.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(1, h.Runs.Count);
        await h.ExpectNoChangeAsync();
    }

    [Fact]
    public async Task Resume_with_an_overwritten_checkpoint_forgets_the_stored_one_and_starts_there()
    {
        var h = new SupervisorHarness(ChangefeedState.Stopped);
        var overwrite = Tso.From(SupervisorHarness.Epoch.AddMinutes(-5));
        var reset = 0;
        Assert.True(await h.Supervisor.ResumeAsync(overwrite, _ =>
        {
            reset++;
            return Task.CompletedTask;
        }, Ct));
        Assert.Equal(1, reset);
        var normal = await h.ExpectAsync(ChangefeedState.Normal);
        Assert.Equal(overwrite, normal.CheckpointTs);
        var run = await h.Runs.NextAsync();
        Assert.Equal(overwrite, run.Definition.StartTs);
        Assert.Equal(overwrite, h.Supervisor.Definition.StartTs);
    }

    [Fact]
    public async Task A_stored_state_is_kept_active_ones_run_again_and_remove_ends_it()
    {
        var stopped = new SupervisorHarness(ChangefeedState.Stopped);
        Assert.False(stopped.Supervisor.Start());
        Assert.Equal(0, stopped.Runs.Count);
        var failed = new SupervisorHarness(ChangefeedState.Failed, new ChangefeedError(SupervisorHarness.Epoch, "CDC:ErrKafkaSendMessage", "gone"));
        Assert.False(failed.Supervisor.Start());
        Assert.Equal("CDC:ErrKafkaSendMessage", failed.Supervisor.Snapshot().Error?.Code);

        var pending = new SupervisorHarness(ChangefeedState.Pending);
        Assert.True(pending.Supervisor.Start());
        await pending.ExpectAsync(ChangefeedState.Warning);
        var run = await pending.Runs.NextAsync();

        await pending.Supervisor.RemoveAsync(Ct);
        Assert.True(run.Cancelled);
        Assert.Equal(ChangefeedState.Removed, pending.Supervisor.Snapshot().State);
        Assert.False(pending.Supervisor.Start());
        Assert.False(await pending.Supervisor.ResumeAsync(null, null, Ct));
        Assert.Equal(1, pending.Runs.Count);
    }

    [Fact]
    public async Task Shutdown_stops_the_run_and_keeps_the_state()
    {
        var h = new SupervisorHarness();
        h.Supervisor.Start();
        await h.ExpectAsync(ChangefeedState.Normal);
        var run = await h.Runs.NextAsync();
        await h.Supervisor.ShutdownAsync(Ct);
        Assert.True(run.Cancelled);
        var status = h.Supervisor.Snapshot();
        Assert.Equal(ChangefeedState.Normal, status.State);
        Assert.False(status.Running);
        await h.ExpectNoChangeAsync();
    }
}
