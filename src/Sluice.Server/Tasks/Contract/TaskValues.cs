using Sluice.Migration;

namespace Sluice.Server.Tasks.Contract;

/// <summary>The enum-like string fields of a task as DM spells them, and what the engine makes of them.</summary>
internal static class TaskValues
{
    public const string TaskModes = "full, incremental, all, dump or load";
    public const string ShardModes = "pessimistic or optimistic (or absent)";
    public const string OnDuplicates = "replace (overwrite), error or ignore";
    public const string Consistencies = "auto, flush, snapshot, lock or none";

    public static bool TryParseMode(string? text, out TaskMode mode)
    {
        (var known, mode) = text switch
        {
            "all" => (true, TaskMode.All),
            "full" => (true, TaskMode.Full),
            "incremental" => (true, TaskMode.Incremental),
            "dump" => (true, TaskMode.Dump),
            "load" => (true, TaskMode.Load),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>Empty counts as absent: DM's generated client code sends "" for an unset shard mode.</summary>
    public static bool IsShardMode(string? text) => text is null or "" or "pessimistic" or "optimistic";

    /// <summary>
    /// The spec's enum is replace, error, ignore; DM's document (and older specs) write overwrite, which DM's loader
    /// reads as replace.
    /// </summary>
    public static bool TryParseOnDuplicate(string? text, out OnDuplicate onDuplicate)
    {
        (var known, onDuplicate) = text switch
        {
            "replace" or "overwrite" => (true, OnDuplicate.Replace),
            "error" => (true, OnDuplicate.Error),
            "ignore" => (true, OnDuplicate.Ignore),
            _ => (false, default),
        };
        return known;
    }

    public static bool TryParseConsistency(string? text, out Consistency consistency)
    {
        (var known, consistency) = text switch
        {
            "auto" => (true, Consistency.Auto),
            "flush" => (true, Consistency.Flush),
            "snapshot" => (true, Consistency.Snapshot),
            "lock" => (true, Consistency.Lock),
            "none" => (true, Consistency.None),
            _ => (false, default),
        };
        return known;
    }
}
