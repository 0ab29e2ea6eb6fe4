using System.Text.Json;

namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// Fills a replica_config as given with TiCDC's defaults (pkg/config's GetDefaultReplicaConfig as of v8.1, and the
/// doc's values where it gives them), so that what is stored and returned is whole.
/// </summary>
internal static class ReplicaConfigDefaults
{
    public const ulong MemoryQuota = 1UL << 30;

    private static readonly JsonElement s_scheduler = Parse("""{"enable_table_across_nodes":false,"region_threshold":100000,"write_key_threshold":0}""");
    private static readonly JsonElement s_integrity = Parse("""{"integrity_check_level":"none","corruption_handle_level":"warn"}""");
    private static readonly JsonElement s_syncedStatus = Parse("""{"synced_check_interval":300,"checkpoint_interval":15}""");

    public static ReplicaConfig Fill(ReplicaConfig? given)
    {
        var c = given ?? new ReplicaConfig();
        return c with
        {
            MemoryQuota = c.MemoryQuota ?? MemoryQuota,
            CaseSensitive = c.CaseSensitive ?? false,
            ForceReplicate = c.ForceReplicate ?? false,
            IgnoreIneligibleTable = c.IgnoreIneligibleTable ?? false,
            CheckGcSafePoint = c.CheckGcSafePoint ?? true,
            EnableSyncPoint = c.EnableSyncPoint ?? false,
            EnableTableMonitor = c.EnableTableMonitor ?? false,
            BdrMode = c.BdrMode ?? false,
            EnableOldValue = c.EnableOldValue ?? true,
            SyncPointInterval = c.SyncPointInterval ?? (long)TimeSpan.FromMinutes(10).TotalNanoseconds,
            SyncPointRetention = c.SyncPointRetention ?? (long)TimeSpan.FromHours(24).TotalNanoseconds,
            SqlMode = c.SqlMode ?? "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION",
            Filter = Fill(c.Filter),
            Mounter = new MounterConfig { WorkerNum = c.Mounter?.WorkerNum ?? 16 },
            Sink = Fill(c.Sink),
            Consistent = Fill(c.Consistent),
            Scheduler = c.Scheduler ?? s_scheduler,
            Integrity = c.Integrity ?? s_integrity,
            ChangefeedErrorStuckDuration = c.ChangefeedErrorStuckDuration ?? (long)TimeSpan.FromMinutes(30).TotalNanoseconds,
            SyncedStatus = c.SyncedStatus ?? s_syncedStatus,
        };
    }

    private static FilterConfig Fill(FilterConfig? given)
    {
        var f = given ?? new FilterConfig();
        return f with
        {
            Rules = f.Rules ?? ["*.*"],
            IgnoreTxnStartTs = f.IgnoreTxnStartTs ?? [],
            EventFilters = f.EventFilters ?? [],
        };
    }

    private static SinkConfig Fill(SinkConfig? given)
    {
        var s = given ?? new SinkConfig();
        var csv = s.Csv ?? new CsvConfig();
        return s with
        {
            Csv = csv with
            {
                Delimiter = csv.Delimiter ?? ",",
                Quote = csv.Quote ?? "\"",
                Null = csv.Null ?? "\\N",
                IncludeCommitTs = csv.IncludeCommitTs ?? false,
                BinaryEncodingMethod = csv.BinaryEncodingMethod ?? "base64",
                OutputOldValue = csv.OutputOldValue ?? false,
                OutputHandleKey = csv.OutputHandleKey ?? false,
                OutputFieldHeader = csv.OutputFieldHeader ?? false,
            },
            ColumnSelectors = s.ColumnSelectors ?? [],
            Dispatchers = s.Dispatchers ?? [],
            EncoderConcurrency = s.EncoderConcurrency ?? 16,
            Terminator = s.Terminator ?? "\r\n",
            DateSeparator = s.DateSeparator ?? "day",
            EnablePartitionSeparator = s.EnablePartitionSeparator ?? true,
            OnlyOutputUpdatedColumns = s.OnlyOutputUpdatedColumns ?? false,
            DeleteOnlyOutputHandleKeyColumns = s.DeleteOnlyOutputHandleKeyColumns ?? false,
            ContentCompatible = s.ContentCompatible ?? false,
            AdvanceTimeout = s.AdvanceTimeout ?? 150,
            SendBootstrapIntervalInSec = s.SendBootstrapIntervalInSec ?? 120,
            SendBootstrapInMsgCount = s.SendBootstrapInMsgCount ?? 10000,
            SendBootstrapToAllPartition = s.SendBootstrapToAllPartition ?? true,
            DebeziumDisableSchema = s.DebeziumDisableSchema ?? false,
            Open = new OpenProtocolConfig { OutputOldValue = s.Open?.OutputOldValue ?? true },
            Debezium = new DebeziumConfig { OutputOldValue = s.Debezium?.OutputOldValue ?? true },
        };
    }

    private static ConsistentConfig Fill(ConsistentConfig? given)
    {
        var c = given ?? new ConsistentConfig();
        return c with
        {
            Level = c.Level ?? "none",
            MaxLogSize = c.MaxLogSize ?? 64,
            FlushInterval = c.FlushInterval ?? 2000,
            MetaFlushInterval = c.MetaFlushInterval ?? 200,
            EncodingWorkerNum = c.EncodingWorkerNum ?? 16,
            FlushWorkerNum = c.FlushWorkerNum ?? 8,
            Storage = c.Storage ?? "",
            UseFileBackend = c.UseFileBackend ?? false,
            Compression = c.Compression ?? "",
            FlushConcurrency = c.FlushConcurrency ?? 1,
        };
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
