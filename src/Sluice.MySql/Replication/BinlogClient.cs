using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using Sluice.MySql.Session;

namespace Sluice.MySql.Replication;

/// <summary>
/// Streams a server's binlog as a replica does: registers with a server id, asks for a dump from a file
/// position or a GTID state, and yields decoded events. When the connection drops it reconnects with backoff
/// from the last acknowledged checkpoint and skips what it had already delivered, so the consumer sees no
/// gap and no duplicate.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_replication.html, https://mariadb.com/kb/en/com_binlog_dump/</remarks>
public sealed class BinlogClient : IAsyncDisposable
{
    private readonly BinlogClientOptions _options;
    private readonly uint _serverId;
    private TableSchemaCache? _schemas;
    private MySqlSession? _session;
    private BinlogEventDecoder? _decoder;
    private StreamPositionTracker? _tracker;
    private BinlogCheckpoint? _start;
    private BinlogCheckpoint? _acknowledged;
    private BinlogPosition? _lastDelivered;
    private string _readingFile = string.Empty;
    private bool _catchingUp;
    private bool _reachedEnd;
    private BinlogChecksumAlgorithm _checksum = BinlogChecksumAlgorithm.Undefined;

    /// <summary>When the pending read started (Environment.TickCount64), 0 while no read is pending.</summary>
    private long _readPendingSince;

    public BinlogClient(BinlogClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _serverId = options.ServerId != 0 ? options.ServerId : (uint)Random.Shared.Next(1 << 28, int.MaxValue);
    }

    /// <summary>Raised before each reconnect attempt, with the error that ended the connection.</summary>
    public event EventHandler<BinlogReconnectEventArgs>? Reconnecting;

    /// <summary>The server_id this client registers with.</summary>
    public uint ServerId => _serverId;

    public string? ServerVersion { get; private set; }

    public bool IsMariaDb { get; private set; }

    /// <summary>The server's id of the current replication connection (its PROCESSLIST ID), 0 when not connected.</summary>
    public uint ConnectionId => _session?.ConnectionId ?? 0;

    /// <summary>Connections made after the first one.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Checkpoint after the last complete transaction delivered.</summary>
    public BinlogCheckpoint? Checkpoint => _tracker?.Checkpoint;

    /// <summary>Position right after the last event delivered.</summary>
    public BinlogPosition? CurrentPosition => _tracker?.Current;

    /// <summary>True when the last event delivered ended a transaction (or no transaction is open).</summary>
    public bool IsAtTransactionBoundary => _tracker?.IsAtTransactionBoundary ?? true;

    /// <summary>The last checkpoint the consumer acknowledged; a reconnect resumes from here.</summary>
    public BinlogCheckpoint? Acknowledged => _acknowledged;

    /// <summary>
    /// Tells the client that everything up to <paramref name="checkpoint"/> (a transaction boundary, as
    /// <see cref="Checkpoint"/> gives) is durably handled. Reconnects restart there.
    /// </summary>
    public void Acknowledge(BinlogCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        _acknowledged = checkpoint;
    }

    public async IAsyncEnumerable<BinlogEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var failures = 0;
        using var watchdog = new Timer(_ => CheckSilence(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        try
        {
            while (true)
            {
                // Reads served from the buffer complete without looking at the token: look here, once per event.
                cancellationToken.ThrowIfCancellationRequested();
                BinlogEvent? next;
                Exception? failure = null;
                try
                {
                    if (_session is null)
                        await ConnectAsync(cancellationToken).ConfigureAwait(false);
                    next = await ReadNextAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsConnectionFailure(ex) && _start is not null && !cancellationToken.IsCancellationRequested)
                {
                    next = null;
                    failure = ex;
                }

                if (failure is not null)
                {
                    await CloseSessionAsync().ConfigureAwait(false);
                    failures++;
                    if (failures > _options.MaxReconnectAttempts)
                        throw new IOException($"binlog stream lost after {failures - 1} reconnect attempts: {failure.Message}", failure);
                    Reconnecting?.Invoke(this, new BinlogReconnectEventArgs(failure, failures));
                    await Task.Delay(Backoff(failures), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (_reachedEnd)
                    yield break;
                if (next is null)
                    continue;
                failures = 0;
                yield return next;
            }
        }
        finally
        {
            await CloseSessionAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseSessionAsync().ConfigureAwait(false);
        if (_schemas is not null)
            await _schemas.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Reads one event; null when it was a packet to skip (already delivered before a reconnect).</summary>
    private async ValueTask<BinlogEvent?> ReadNextAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _readPendingSince, Environment.TickCount64);
        var payload = await _session!.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _readPendingSince, 0);
        var span = payload.Span;
        if (span.Length == 0)
            throw new MySqlDecodingException("expected a binlog event packet, found an empty packet", 0);
        switch (span[0])
        {
            case 0x00:
                break;
            case 0xFF:
                MySqlSession.ThrowIfError(span);
                break;
            case 0xFE when span.Length < 9:
                if (!_options.StopAtEnd)
                    throw new EndOfStreamException("the server ended the binlog stream");
                _reachedEnd = true;
                return null;
            default:
                throw new MySqlDecodingException($"expected an OK byte before a binlog event, found 0x{span[0]:X2}", 0);
        }

        var binlogEvent = _decoder!.Decode(span[1..]);
        if (binlogEvent is RotateEvent rotate)
            _readingFile = rotate.NextFileName;
        if (_options.TableSchemaProvider is { } provider)
        {
            if (binlogEvent is TableMapEvent { HasSchemaColumns: false } map && map.OptionalMetadata?.ColumnNames is null
                && await provider(map, cancellationToken).ConfigureAwait(false) is { } schema && schema.Columns.Count == map.ColumnCount)
                map.UseSchema(schema);
        }
        else if (_schemas is not null)
        {
            if (binlogEvent is TableMapEvent map)
                await _schemas.EnrichAsync(map, cancellationToken).ConfigureAwait(false);
            else if (binlogEvent is QueryEvent query && QueryStatements.IsSchemaChange(query.Query))
                _schemas.Invalidate();
        }

        if (IsAlreadyDelivered(binlogEvent))
            return null;
        _tracker!.Observe(binlogEvent);
        if (binlogEvent.Header.LogPosition != 0 && !binlogEvent.Header.IsArtificial)
            _lastDelivered = new BinlogPosition(_readingFile, binlogEvent.Header.LogPosition);
        return binlogEvent;
    }

    /// <summary>After a reconnect, the stream restarts at the acknowledged checkpoint: drop what was delivered since.</summary>
    private bool IsAlreadyDelivered(BinlogEvent binlogEvent)
    {
        if (!_catchingUp || _lastDelivered is not { } last)
            return false;
        var header = binlogEvent.Header;
        if (header.LogPosition == 0 || header.IsArtificial || binlogEvent is HeartbeatEvent)
            return true;
        var here = new BinlogPosition(_readingFile, header.LogPosition);
        if (here.CompareTo(last) <= 0)
            return true;
        _catchingUp = false;
        return false;
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var session = await MySqlSession.ConnectAsync(_options.Connection, cancellationToken).ConfigureAwait(false);
        try
        {
            ServerVersion = session.ServerVersion;
            IsMariaDb = session.IsMariaDb;
            var first = _start is null;
            _start ??= _options.Start ?? await CurrentEndAsync(session, cancellationToken).ConfigureAwait(false);
            var origin = _acknowledged ?? _start;
            if (first)
                _tracker = new StreamPositionTracker(await WithGtidStateAsync(session, origin, cancellationToken).ConfigureAwait(false));
            else
                Reconnects++;
            _catchingUp = !first;

            await PrepareAsync(session, origin, cancellationToken).ConfigureAwait(false);
            await RegisterAsync(session, cancellationToken).ConfigureAwait(false);
            await session.SendCommandAsync(DumpCommand(origin), cancellationToken).ConfigureAwait(false);
            _decoder = new BinlogEventDecoder(_options.VerifyChecksums, _checksum == BinlogChecksumAlgorithm.Undefined ? null : _checksum);
            _readingFile = origin.Position?.FileName ?? string.Empty;
            if (_options.ResolveColumnNames && _options.TableSchemaProvider is null)
                _schemas ??= new TableSchemaCache(_options.Connection, _options.SchemaConnection, _options.SchemaTableMap);
            _session = session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task PrepareAsync(MySqlSession session, BinlogCheckpoint origin, CancellationToken cancellationToken)
    {
        // Checksums: tell the server we understand the ones it writes, or it refuses to send (MySQL) or strips them.
        var checksum = await session.QueryAsync("SELECT @@global.binlog_checksum", cancellationToken).ConfigureAwait(false);
        _checksum = checksum.Scalar switch
        {
            "CRC32" => BinlogChecksumAlgorithm.Crc32,
            "NONE" => BinlogChecksumAlgorithm.None,
            _ => BinlogChecksumAlgorithm.Undefined,
        };
        await session.ExecuteAsync("SET @master_binlog_checksum = @@global.binlog_checksum", cancellationToken).ConfigureAwait(false);
        var heartbeatNanos = (long)_options.HeartbeatPeriod.TotalMilliseconds * 1_000_000L;
        await session.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"SET @master_heartbeat_period = {heartbeatNanos}"), cancellationToken).ConfigureAwait(false);
        if (!session.IsMariaDb)
            return;
        // MARIA_SLAVE_CAPABILITY_MINE (4): we understand GTID events, annotate rows and binlog checkpoints.
        await session.ExecuteAsync("SET @mariadb_slave_capability = 4", cancellationToken).ConfigureAwait(false);
        if (origin.MariaDbGtids is { } gtids)
        {
            await session.ExecuteAsync("SET @slave_connect_state = " + SqlLiteral.Quote(gtids.ToString()), cancellationToken).ConfigureAwait(false);
            await session.ExecuteAsync("SET @slave_gtid_strict_mode = 0", cancellationToken).ConfigureAwait(false);
            await session.ExecuteAsync("SET @slave_gtid_ignore_duplicates = 0", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RegisterAsync(MySqlSession session, CancellationToken cancellationToken)
    {
        // Host, user and password are only shown in SHOW SLAVE HOSTS; the password is never sent.
        var host = Environment.MachineName;
        await session.SendCommandAsync(ReplicationCommands.RegisterSlave(_serverId, host, string.Empty, string.Empty, 0), cancellationToken).ConfigureAwait(false);
        var reply = await session.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
        MySqlSession.ThrowIfError(reply.Span);
    }

    private byte[] DumpCommand(BinlogCheckpoint origin)
    {
        if (origin.MariaDbGtids is not null && IsMariaDb)
            return ReplicationCommands.BinlogDump(_serverId, string.Empty, 4, _options.StopAtEnd, annotateRows: _options.AnnotateRows);
        if (origin.GtidSet is { } gtidSet && !IsMariaDb)
            return ReplicationCommands.BinlogDumpGtid(_serverId, gtidSet, _options.StopAtEnd);
        if (origin.Position is { } position)
            return ReplicationCommands.BinlogDump(_serverId, position.FileName, checked((uint)position.Position), _options.StopAtEnd, annotateRows: IsMariaDb && _options.AnnotateRows);
        throw new ArgumentException($"cannot start a {(IsMariaDb ? "MariaDB" : "MySQL")} binlog stream from {origin}");
    }

    /// <summary>The server's end of binlog now (SHOW MASTER STATUS), with its GTID state.</summary>
    private static async Task<BinlogCheckpoint> CurrentEndAsync(MySqlSession session, CancellationToken cancellationToken)
    {
        var status = await session.QueryAsync("SHOW MASTER STATUS", cancellationToken).ConfigureAwait(false);
        if (status.Rows.Count == 0 || status.Rows[0][0] is not { } file || status.Rows[0][1] is not { } pos)
            throw new InvalidOperationException("the server has binary logging off (SHOW MASTER STATUS is empty)");
        var position = new BinlogPosition(file, ulong.Parse(pos, CultureInfo.InvariantCulture));
        var executedIndex = IndexOf(status.ColumnNames, "Executed_Gtid_Set");
        if (!session.IsMariaDb && executedIndex >= 0 && !string.IsNullOrWhiteSpace(status.Rows[0][executedIndex]))
            return new BinlogCheckpoint { Position = position, GtidSet = GtidSet.Parse(status.Rows[0][executedIndex]!) };
        return new BinlogCheckpoint { Position = position };
    }

    /// <summary>On MariaDB a file position maps to a GTID state (BINLOG_GTID_POS), which lets the stream report GTIDs.</summary>
    private static async Task<BinlogCheckpoint> WithGtidStateAsync(MySqlSession session, BinlogCheckpoint origin, CancellationToken cancellationToken)
    {
        if (!session.IsMariaDb || origin.MariaDbGtids is not null || origin.Position is not { } position)
            return origin;
        var sql = string.Create(CultureInfo.InvariantCulture, $"SELECT BINLOG_GTID_POS({SqlLiteral.Quote(position.FileName)}, {position.Position})");
        var result = await session.QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        var text = result.Rows.Count > 0 ? result.Rows[0][0] : null;
        return text is not null && MariaDbGtidList.TryParse(text, out var gtids) ? origin with { MariaDbGtids = gtids } : origin;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
                return i;
        }

        return -1;
    }

    private void CheckSilence()
    {
        var session = _session;
        if (session is null)
            return;
        // Only a read that waits counts: a consumer that takes its time must not look like a dead server.
        var since = Volatile.Read(ref _readPendingSince);
        if (since != 0 && Environment.TickCount64 - since > 3 * _options.HeartbeatPeriod.TotalMilliseconds)
            session.Abort();
    }

    private async Task CloseSessionAsync()
    {
        var session = _session;
        _session = null;
        if (session is not null)
            await session.DisposeAsync().ConfigureAwait(false);
    }

    private TimeSpan Backoff(int failures)
    {
        var delay = _options.InitialReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        return TimeSpan.FromMilliseconds(Math.Min(delay, _options.MaxReconnectDelay.TotalMilliseconds));
    }

    /// <summary>
    /// Errors after which a new connection may succeed; everything else ends the stream. The first connection is
    /// not retried: failing before the stream ever started means a wrong address or setting, said at once.
    /// </summary>
    private static bool IsConnectionFailure(Exception ex) => ex switch
    {
        IOException or SocketException or ObjectDisposedException or TimeoutException => true,
        MySqlServerException server => RetryableServerErrors.Contains(server.ErrorCode),
        _ => false,
    };

    // ER_CON_COUNT_ERROR, ER_SERVER_SHUTDOWN, ER_NET_READ_INTERRUPTED, ER_ABORTING_CONNECTION, ER_QUERY_INTERRUPTED,
    // ER_CONNECTION_KILLED, ER_NET_READ_ERROR, ER_NET_ERROR_ON_WRITE.
    private static readonly HashSet<int> RetryableServerErrors = [1040, 1053, 1159, 1152, 1317, 1927, 1158, 1160];
}

/// <summary>Why and how often a <see cref="BinlogClient"/> is reconnecting.</summary>
public sealed class BinlogReconnectEventArgs(Exception error, int attempt) : EventArgs
{
    public Exception Error { get; } = error;

    public int Attempt { get; } = attempt;
}
