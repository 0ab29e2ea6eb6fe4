using System.Globalization;
using System.Text;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Sinks.Storage;

/// <summary>
/// TiCDC's storage sink on a local or NFS directory (<c>file://</c>): rows encoded one per line (csv or canal-json)
/// into immutable data files per table version and commit date, an index file per directory naming its last data
/// file, schema files for every table version and DDL, and a root <c>metadata</c> file with the checkpoint.
/// </summary>
/// <remarks>
/// Layout: https://docs.pingcap.com/tidb/stable/ticdc-sink-to-cloud-storage#storage-path-structure.
/// A directory's pending rows become a file when they reach <see cref="StorageSinkOptions.FileSize"/>, at every
/// <see cref="StorageSinkOptions.FlushInterval"/>, before a DDL and at <see cref="FlushAsync"/>; each file is
/// written whole (temporary file, fsync, rename) after the index file names it, as TiCDC writes them. A restarted
/// sink reads the index file and continues after the last data file there, so no file is ever overwritten and
/// rows replayed from the checkpoint land in new files (at-least-once).
/// </remarks>
public sealed class StorageSink : IChangeSink
{
    private const long MillisecondsPerDay = 86_400_000;

    private readonly StorageSinkOptions _options;
    private readonly IChangeEncoder _encoder;
    private readonly string _root;
    private readonly byte[] _terminator;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string Schema, string Table, ulong Version), ulong> _tableVersions = [];
    private readonly Dictionary<string, DataFileDirectory> _directories = new(StringComparer.Ordinal);

    // The directory each captured table version's rows went to last, with the UTC day of that row's commit: rows of
    // one table version and day share a directory, so the path is built once per table and day, not per row.
    private readonly Dictionary<ChangeTable, (long Day, DataFileDirectory Directory)> _lastDirectory = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _timerLock = new();
    private readonly ITimer _timer;
    private Task _timedWrite = Task.CompletedTask;
    private ChangefeedException? _timedWriteError;
    private bool _disposed;

    /// <param name="options">Where and how files are written.</param>
    /// <param name="encoder">The protocol's encoder (csv or canal-json); one line per row.</param>
    /// <param name="timeProvider">The clock of the flush-interval timer; the system's when null.</param>
    /// <exception cref="ChangefeedException"><c>CDC:ErrStorageInitialize</c> when the root cannot be created.</exception>
    public StorageSink(StorageSinkOptions options, IChangeEncoder encoder, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FileSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WorkerCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.FlushInterval, TimeSpan.Zero);
        _options = options;
        _encoder = encoder;
        _terminator = Encoding.UTF8.GetBytes(options.Terminator);
        try
        {
            _root = Path.GetFullPath(options.RootPath);
            DirectorySync.Create(_root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ChangefeedException("CDC:ErrStorageInitialize", $"storage sink: cannot use directory {options.RootPath}: {e.Message}", false, e);
        }

        _timer = (timeProvider ?? TimeProvider.System).CreateTimer(_ => OnTimer(), null, options.FlushInterval, options.FlushInterval);
    }

    /// <summary>The write the flush-interval timer started last (completed when none is running).</summary>
    internal Task TimedWrite
    {
        get
        {
            lock (_timerLock)
                return _timedWrite;
        }
    }

    public async ValueTask WriteRowsAsync(TransactionChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var row in chunk.Rows)
            {
                var message = await _encoder.EncodeRowAsync(row, cancellationToken).ConfigureAwait(false);
                var directory = await DirectoryOfAsync(row.Table, row.CommitTs, cancellationToken).ConfigureAwait(false);
                directory.Append(message.Value, _terminator);
                if (directory.PendingBytes >= _options.FileSize)
                    await WriteDataFileAsync(directory, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the pending rows of every table, then the DDL's schema file; the table's next rows go to the new version's directory.</summary>
    public async ValueTask WriteDdlAsync(DdlEvent ddl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WritePendingAsync(cancellationToken).ConfigureAwait(false);
            _lastDirectory.Clear();
            var definition = TableDefinition.FromDdl(ddl);
            await DurableFile.WriteAsync(FullPath(definition.RelativePath), Encoding.UTF8.GetBytes(definition.ToJson()), cancellationToken).ConfigureAwait(false);
            if (definition.IsTableDefinition)
                _tableVersions[(ddl.Schema, ddl.Table!, ddl.CommitTs.Value)] = ddl.CommitTs.Value;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes every pending row to data files, syncs them, then records <paramref name="resolvedTs"/> in <c>metadata</c>.</summary>
    public async ValueTask FlushAsync(Tso resolvedTs, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WritePendingAsync(cancellationToken).ConfigureAwait(false);
            var metadata = string.Create(CultureInfo.InvariantCulture, $"{{\"checkpoint-ts\":{resolvedTs.Value}}}");
            await DurableFile.WriteAsync(FullPath(StoragePaths.MetadataFile), Encoding.UTF8.GetBytes(metadata), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the timer. Rows not yet flushed are dropped: the changefeed's checkpoint does not cover them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _timer.DisposeAsync().ConfigureAwait(false);
        try
        {
            await TimedWrite.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The write was stopped on purpose.
        }

        _stopping.Dispose();
        _gate.Dispose();
    }

    private async ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_timedWriteError is { } error)
        {
            _gate.Release();
            throw new ChangefeedException(error.Code, error.Message, error.IsRetryable, error);
        }
    }

    private void OnTimer()
    {
        lock (_timerLock)
        {
            if (!_timedWrite.IsCompleted || _stopping.IsCancellationRequested)
                return;
            _timedWrite = WriteOnTimerAsync(_stopping.Token);
        }
    }

    private async Task WriteOnTimerAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            if (_timedWriteError is null)
                await WritePendingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed while writing: nothing of it was acknowledged.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nobody awaits the timer: the next call reports the failure.
            _timedWriteError = Failure(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The directory a row of <paramref name="table"/> committed at <paramref name="commitTs"/> goes to.</summary>
    private async ValueTask<DataFileDirectory> DirectoryOfAsync(ChangeTable table, Tso commitTs, CancellationToken cancellationToken)
    {
        var day = commitTs.PhysicalMilliseconds / MillisecondsPerDay;
        if (_lastDirectory.TryGetValue(table, out var last) && last.Day == day)
            return last.Directory;
        var directory = await FindDirectoryAsync(table, commitTs, cancellationToken).ConfigureAwait(false);
        _lastDirectory[table] = (day, directory);
        return directory;
    }

    private async ValueTask<DataFileDirectory> FindDirectoryAsync(ChangeTable table, Tso commitTs, CancellationToken cancellationToken)
    {
        var key = (table.Schema, table.Name, table.Version.Value);
        if (!_tableVersions.TryGetValue(key, out var version))
        {
            version = await CheckOrWriteSchemaAsync(table, cancellationToken).ConfigureAwait(false);
            _tableVersions[key] = version;
        }

        var relativePath = StoragePaths.DataDirectory(table.Schema, table.Name, version, StoragePaths.DateText(_options.DateSeparator, commitTs));
        if (!_directories.TryGetValue(relativePath, out var directory))
        {
            directory = new DataFileDirectory(relativePath, LastIndexOf(relativePath));
            _directories.Add(relativePath, directory);
        }

        return directory;
    }

    /// <summary>
    /// The table version whose directory a table's rows go to, writing its schema file when the table has none of
    /// this structure yet. As in TiCDC, a structure already described by a schema file (from before a restart)
    /// keeps the directory of the latest such file, so data is not scattered over a new directory per restart.
    /// </summary>
    private async ValueTask<ulong> CheckOrWriteSchemaAsync(ChangeTable table, CancellationToken cancellationToken)
    {
        var definition = TableDefinition.FromTable(table, table.Version);
        var path = FullPath(definition.RelativePath);
        if (File.Exists(path))
            return table.Version.Value;

        var suffix = string.Create(CultureInfo.InvariantCulture, $"_{definition.Checksum:D10}.json");
        ulong? latest = null;
        var meta = Path.GetDirectoryName(path)!;
        if (Directory.Exists(meta))
        {
            foreach (var file in Directory.EnumerateFiles(meta, "schema_*" + suffix))
            {
                var name = Path.GetFileName(file);
                var versionText = name.AsSpan("schema_".Length, name.Length - "schema_".Length - suffix.Length);
                if (ulong.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && (latest is null || version > latest))
                    latest = version;
            }
        }

        if (latest is { } found)
            return found;
        await DurableFile.WriteAsync(path, Encoding.UTF8.GetBytes(definition.ToJson()), cancellationToken).ConfigureAwait(false);
        return table.Version.Value;
    }

    /// <summary>
    /// The last data file index of a directory, from its index file: the file it names when that file holds data,
    /// else the one before (the sink stopped between writing the index file and the data file).
    /// </summary>
    private ulong LastIndexOf(string relativePath)
    {
        var indexPath = FullPath(relativePath + "/" + StoragePaths.IndexFile);
        if (!File.Exists(indexPath))
            return 0;
        var name = File.ReadAllText(indexPath).TrimEnd('\n');
        if (!StoragePaths.TryParseDataFileIndex(name, _options.FileExtension, out var named))
            throw new ChangefeedException("CDC:ErrStorageSinkInvalidFileName", $"storage sink: {indexPath} names '{name}', which is not a data file name", false);
        var file = new FileInfo(FullPath(relativePath + "/" + name));
        return file.Exists && file.Length > 0 ? named : Math.Max(named, 1) - 1;
    }

    private async ValueTask WritePendingAsync(CancellationToken cancellationToken)
    {
        var pending = _directories.Values.Where(d => d.HasPending).ToList();
        if (pending.Count == 1)
        {
            await WriteDataFileAsync(pending[0], cancellationToken).ConfigureAwait(false);
            return;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.WorkerCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(pending, parallel, WriteDataFileAsync).ConfigureAwait(false);
    }

    /// <summary>Writes a directory's pending rows as its next data file: index file first, then the file, as TiCDC does.</summary>
    private async ValueTask WriteDataFileAsync(DataFileDirectory directory, CancellationToken cancellationToken)
    {
        var index = directory.LastIndex + 1;
        string name;
        FileInfo file;
        while (true)
        {
            // Never over a file that holds data, whoever wrote it.
            name = StoragePaths.DataFileName(index, _options.FileIndexWidth, _options.FileExtension);
            file = new FileInfo(FullPath(directory.RelativePath + "/" + name));
            if (!file.Exists || file.Length == 0)
                break;
            index++;
        }

        // The index file's new name is made durable by the directory sync after the data file's rename, in the same
        // directory; a crash before it leaves the index naming the file before, and the next file skips any file holding data.
        await DurableFile.WriteAsync(
            FullPath(directory.RelativePath + "/" + StoragePaths.IndexFile), [Encoding.UTF8.GetBytes(name + "\n")], replace: true, syncDirectory: false, cancellationToken)
            .ConfigureAwait(false);
        await DurableFile.WriteAsync(file.FullName, directory.Pending, replace: file.Exists, cancellationToken).ConfigureAwait(false);
        directory.LastIndex = index;
        directory.ClearPending();
    }

    private string FullPath(string relativePath) => Path.Combine(_root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    private static ChangefeedException Failure(Exception e) =>
        new("CDC:ErrExternalStorageAPI", $"storage sink: {e.Message}", e is not UnauthorizedAccessException, e);
}
