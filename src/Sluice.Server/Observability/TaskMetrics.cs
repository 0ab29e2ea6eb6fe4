using Prometheus;
using Sluice.Migration.Supervision;
using Sluice.Migration.Sync;

namespace Sluice.Server.Observability;

/// <summary>
/// The tasks' metrics, read from each supervisor's status at every scrape of the server's registry, labelled with
/// the task and the source (DM's task and source_id). Names follow DM's metrics with a sluice_ prefix.
/// </summary>
internal sealed class TaskMetrics
{
    private static readonly string[] TaskLabels = ["task", "source_id"];

    private readonly Lock _gate = new();
    private readonly TaskSupervisors _supervisors;
    private readonly ScrapedSeries<Gauge.Child> _stage;
    private readonly ScrapedSeries<Gauge.Child> _unit;
    private readonly ScrapedSeries<Gauge.Child> _dumpFinishedTables;
    private readonly ScrapedSeries<Gauge.Child> _dumpTotalTables;
    private readonly ScrapedSeries<Gauge.Child> _dumpFinishedRows;
    private readonly ScrapedSeries<Gauge.Child> _dumpEstimateTotalRows;
    private readonly ScrapedSeries<Gauge.Child> _dumpFinishedBytes;
    private readonly ScrapedSeries<Gauge.Child> _loadFinishedBytes;
    private readonly ScrapedSeries<Gauge.Child> _loadTotalBytes;
    private readonly ScrapedSeries<Counter.Child> _syncEvents;
    private readonly ScrapedSeries<Counter.Child> _syncTransactions;
    private readonly ScrapedSeries<Gauge.Child> _syncRecentTps;
    private readonly ScrapedSeries<Gauge.Child> _replicationLag;
    private readonly ScrapedSeries<Gauge.Child> _binlogPosGap;
    private readonly ScrapedSeries<Gauge.Child> _safeMode;
    private readonly ScrapedSeries<Gauge.Child> _synced;

    public TaskMetrics(CollectorRegistry registry, TaskSupervisors supervisors)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _supervisors = supervisors;
        var factory = Metrics.WithCustomRegistry(registry);
        ScrapedSeries<Gauge.Child> Gauge(string name, string help, params string[] extra) =>
            new(factory.CreateGauge(name, help, [.. TaskLabels, .. extra]));
        ScrapedSeries<Counter.Child> Counter(string name, string help) =>
            new(factory.CreateCounter(name, help, TaskLabels));

        _stage = Gauge("sluice_task_stage", "1 for the subtask's current stage (New, Running, Paused, Stopped, Finished), 0 for the others.", "stage");
        _unit = Gauge("sluice_task_unit", "1 for the unit the subtask is in (dump, load, sync), 0 for the others.", "unit");
        _dumpFinishedTables = Gauge("sluice_dump_finished_tables", "Tables the dump unit has finished.");
        _dumpTotalTables = Gauge("sluice_dump_total_tables", "Tables the dump unit has to dump.");
        _dumpFinishedRows = Gauge("sluice_dump_finished_rows", "Rows the dump unit has written.");
        _dumpEstimateTotalRows = Gauge("sluice_dump_estimate_total_rows", "Rows the dump unit expects to write, estimated from the source's table statistics.");
        _dumpFinishedBytes = Gauge("sluice_dump_finished_bytes", "Bytes the dump unit has written.");
        _loadFinishedBytes = Gauge("sluice_load_finished_bytes", "Bytes of the dump the load unit has loaded.");
        _loadTotalBytes = Gauge("sluice_load_total_bytes", "Bytes of the dump the load unit has to load.");
        _syncEvents = Counter("sluice_sync_events_total", "Row changes and DDL statements the sync unit has applied since it started.");
        _syncTransactions = Counter("sluice_sync_transactions_total", "Source transactions the sync unit has applied since it started.");
        _syncRecentTps = Gauge("sluice_sync_recent_tps", "Source transactions per second the sync unit applied over the last few seconds.");
        _replicationLag = Gauge("sluice_replication_lag_seconds", "Seconds between now and the timestamp of the last applied event (seconds_behind_master); 0 when caught up.");
        _binlogPosGap = Gauge(
            "sluice_sync_binlog_pos_gap",
            "Source binlog end minus the syncer checkpoint: bytes when both are in the same binlog file, else the difference of the files' numeric suffixes.");
        _safeMode = Gauge("sluice_sync_safe_mode", "1 while the sync unit applies changes in safe mode (idempotently), else 0.");
        _synced = Gauge("sluice_sync_synced", "1 when the syncer checkpoint has reached the source's binlog end, else 0.");
        registry.AddBeforeCollectCallback(Collect);
    }

    private IEnumerable<ScrapedSeries<Gauge.Child>> Gauges =>
    [
        _stage, _unit, _dumpFinishedTables, _dumpTotalTables, _dumpFinishedRows, _dumpEstimateTotalRows, _dumpFinishedBytes,
        _loadFinishedBytes, _loadTotalBytes, _syncRecentTps, _replicationLag, _binlogPosGap, _safeMode, _synced,
    ];

    /// <summary>Sets every series from the supervisors' status now; tasks deleted since the last scrape drop out.</summary>
    private void Collect()
    {
        // Scrapes may overlap; each sets and sweeps all series at once.
        lock (_gate)
        {
            foreach (var name in _supervisors.Names)
            {
                if (_supervisors.Get(name) is not { } supervisor)
                    continue;
                var snapshot = supervisor.Snapshot();
                foreach (var source in snapshot.Sources)
                    Export(snapshot.Name, source);
            }

            foreach (var series in Gauges)
                series.Sweep();
            _syncEvents.Sweep();
            _syncTransactions.Sweep();
        }
    }

    private void Export(string task, SourceStatusSnapshot source)
    {
        var id = source.SourceId;
        foreach (var stage in Enum.GetValues<TaskStage>())
            _stage.Child(task, id, stage.ToString()).Set(stage == source.Stage ? 1 : 0);
        foreach (var unit in Enum.GetValues<TaskUnit>())
            _unit.Child(task, id, unit.ToString().ToLowerInvariant()).Set(unit == source.Unit ? 1 : 0);

        if (source.Dump is { } dump)
        {
            _dumpFinishedTables.Child(task, id).Set(dump.CompletedTables);
            _dumpTotalTables.Child(task, id).Set(dump.TotalTables);
            _dumpFinishedRows.Child(task, id).Set(dump.FinishedRows);
            _dumpEstimateTotalRows.Child(task, id).Set(dump.EstimateTotalRows);
            _dumpFinishedBytes.Child(task, id).Set(dump.FinishedBytes);
        }

        if (source.Load is { } load)
        {
            _loadFinishedBytes.Child(task, id).Set(load.FinishedBytes);
            _loadTotalBytes.Child(task, id).Set(load.TotalBytes);
        }

        if (source.Sync is { } sync)
            ExportSync(task, id, sync);
    }

    private void ExportSync(string task, string id, SyncStatus sync)
    {
        CountTo(_syncEvents, sync.TotalEvents, task, id);
        CountTo(_syncTransactions, sync.TotalTransactions, task, id);
        _syncRecentTps.Child(task, id).Set(sync.RecentTps);
        _replicationLag.Child(task, id).Set(sync.SecondsBehindMaster);
        _safeMode.Child(task, id).Set(sync.SafeMode ? 1 : 0);
        _synced.Child(task, id).Set(sync.Synced ? 1 : 0);
        if (BinlogGap.Of(sync.MasterBinlog, sync.SyncerBinlog) is { } gap)
            _binlogPosGap.Child(task, id).Set(gap);
    }

    /// <summary>
    /// The sync unit counts from zero each time it starts (a resume, a restart): a lower total restarts the counter,
    /// which Prometheus's rate() reads as a counter reset.
    /// </summary>
    private static void CountTo(ScrapedSeries<Counter.Child> counter, long total, string task, string id)
    {
        if (total < counter.Child(task, id).Value)
            counter.Remove(task, id);
        counter.Child(task, id).IncTo(total);
    }
}
