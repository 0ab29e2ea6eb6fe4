using Sluice.Replication.Configuration;
using System.Globalization;

namespace Sluice.ChangeFeed.Sinks.Storage;

/// <summary>
/// The storage sink's settings: where files go (a local or NFS directory), how often and how large they are written,
/// and how their paths are laid out. Built from the sink URI and the changefeed's storage options as TiCDC does.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-cloud-storage#configure-sink-uri</remarks>
public sealed record StorageSinkOptions
{
    public const int DefaultWorkerCount = 16;
    public const int MaxWorkerCount = 512;
    public const long DefaultFileSize = 64L * 1024 * 1024;
    public const long MinFileSize = 1024L * 1024;
    public const long MaxFileSize = 512L * 1024 * 1024;
    public const int DefaultFileIndexWidth = 20;
    public const int MinFileIndexWidth = 6;
    public const int MaxFileIndexWidth = 20;

    public static TimeSpan DefaultFlushInterval { get; } = TimeSpan.FromSeconds(5);

    public static TimeSpan MinFlushInterval { get; } = TimeSpan.FromSeconds(2);

    public static TimeSpan MaxFlushInterval { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The directory every path is relative to (the URI's path).</summary>
    public required string RootPath { get; init; }

    /// <summary><c>csv</c> or <c>canal-json</c>; decides the data files' extension.</summary>
    public required string Protocol { get; init; }

    /// <summary>How many directories' files are written at the same time.</summary>
    public int WorkerCount { get; init; } = DefaultWorkerCount;

    /// <summary>Buffered rows are written to files at least this often.</summary>
    public TimeSpan FlushInterval { get; init; } = DefaultFlushInterval;

    /// <summary>A directory's buffered rows are written as a file as soon as they reach this many bytes.</summary>
    public long FileSize { get; init; } = DefaultFileSize;

    public StorageDateSeparator DateSeparator { get; init; } = StorageDateSeparator.Day;

    /// <summary>
    /// Partitions of a partitioned table in directories of their own. Kept for the URI's sake: a MySQL binlog does not
    /// say which partition a row is in, so no partition directory is ever written.
    /// </summary>
    public bool EnablePartitionSeparator { get; init; } = true;

    /// <summary>Digits of a data file's index (<c>CDC000001.csv</c> has 6).</summary>
    public int FileIndexWidth { get; init; } = DefaultFileIndexWidth;

    /// <summary>Written after every encoded row.</summary>
    public string Terminator { get; init; } = "\r\n";

    /// <summary><c>.csv</c> for csv, <c>.json</c> for canal-json.</summary>
    public string FileExtension => Protocol == "csv" ? ".csv" : ".json";

    /// <summary>
    /// The options of a <c>file://</c> (or <c>local://</c>) sink URI: its path is the root; <c>worker-count</c>,
    /// <c>flush-interval</c>, <c>file-size</c>, <c>protocol</c>, <c>date-separator</c>,
    /// <c>enable-partition-separator</c> and <c>file-index-width</c> override <paramref name="storage"/> (the
    /// changefeed's replica config). Values out of range are brought into it, as TiCDC does.
    /// </summary>
    /// <param name="uri">The sink URI.</param>
    /// <param name="storage">The changefeed's storage settings.</param>
    /// <param name="protocol">The changefeed's sink.protocol, used when the URI names none.</param>
    /// <exception cref="ChangefeedException"><c>CDC:ErrSinkURIInvalid</c> for a URI this sink cannot use,
    /// <c>CDC:ErrSinkUnknownProtocol</c> when the protocol is missing or not csv/canal-json.</exception>
    public static StorageSinkOptions FromUri(SinkUri uri, StorageOptions storage, string? protocol = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(storage);
        if (uri.Scheme is not ("file" or "local"))
            throw Invalid($"the storage sink writes to file:// or local:// paths, not {uri.Scheme}://");
        if (string.IsNullOrWhiteSpace(uri.Path))
            throw Invalid($"sink-uri '{uri.Redacted}' names no directory");

        var chosenProtocol = uri.Get("protocol") ?? protocol;
        if (string.IsNullOrEmpty(chosenProtocol))
            throw new ChangefeedException("CDC:ErrSinkUnknownProtocol", "the storage sink needs a protocol (protocol=csv or protocol=canal-json)", false);
        chosenProtocol = chosenProtocol.ToLowerInvariant();
        if (chosenProtocol is not ("csv" or "canal-json"))
            throw new ChangefeedException("CDC:ErrSinkUnknownProtocol", $"the storage sink writes csv or canal-json, not {chosenProtocol}", false);

        return new StorageSinkOptions
        {
            RootPath = uri.Path,
            Protocol = chosenProtocol,
            WorkerCount = WorkerCountOf(uri),
            FlushInterval = FlushIntervalOf(uri, storage.FlushInterval),
            FileSize = Math.Clamp(Integer(uri, "file-size") ?? storage.FileSize, MinFileSize, MaxFileSize),
            DateSeparator = DateSeparatorOf(uri.Get("date-separator") ?? storage.DateSeparator),
            EnablePartitionSeparator = Boolean(uri, "enable-partition-separator") ?? storage.EnablePartitionSeparator,
            FileIndexWidth = Integer(uri, "file-index-width") is { } width && width is >= MinFileIndexWidth and <= MaxFileIndexWidth
                ? (int)width
                : DefaultFileIndexWidth,
            Terminator = storage.Terminator,
        };
    }

    private static int WorkerCountOf(SinkUri uri)
    {
        if (Integer(uri, "worker-count") is not { } count)
            return DefaultWorkerCount;
        if (count <= 0)
            throw Invalid($"worker-count {count} is not greater than 0");
        return (int)Math.Min(count, MaxWorkerCount);
    }

    private static TimeSpan FlushIntervalOf(SinkUri uri, TimeSpan fallback)
    {
        var interval = fallback;
        if (uri.Get("flush-interval") is { } text)
        {
            if (!GoDuration.TryParse(text, out interval))
                throw Invalid($"flush-interval={text} is not a duration like 5s or 1m");
        }

        if (interval < MinFlushInterval)
            return MinFlushInterval;
        return interval > MaxFlushInterval ? MaxFlushInterval : interval;
    }

    private static StorageDateSeparator DateSeparatorOf(string text) => text.ToLowerInvariant() switch
    {
        "none" => StorageDateSeparator.None,
        "year" => StorageDateSeparator.Year,
        "month" => StorageDateSeparator.Month,
        "day" => StorageDateSeparator.Day,
        _ => throw Invalid($"date-separator={text} is not one of none, year, month, day"),
    };

    private static long? Integer(SinkUri uri, string name)
    {
        if (uri.Get(name) is not { } text)
            return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw Invalid($"{name}={text} is not an integer");
        return value;
    }

    private static bool? Boolean(SinkUri uri, string name)
    {
        try
        {
            return uri.Get(name) is null ? null : uri.GetBool(name, false);
        }
        catch (FormatException e)
        {
            throw Invalid(e.Message);
        }
    }

    private static ChangefeedException Invalid(string message) => new("CDC:ErrSinkURIInvalid", message, false);
}
