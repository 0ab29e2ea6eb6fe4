using MySqlConnector;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Dump;

/// <summary>
/// The export connections, each inside a REPEATABLE READ transaction started WITH CONSISTENT SNAPSHOT, and the
/// binlog position their snapshot stands at, taken as docs/dump-format.md's consistency modes say.
/// </summary>
/// <remarks>
/// https://docs.pingcap.com/tidb/stable/dm-dump-unit (consistency), https://mariadb.com/kb/en/flush/ (FTWRL),
/// https://mariadb.com/kb/en/lock-tables/, https://mariadb.com/kb/en/enhancements-for-start-transaction-with-consistent-snapshot/
/// </remarks>
internal sealed class ConsistentSnapshot : IAsyncDisposable
{
    private const string StartSnapshot =
        "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ; START TRANSACTION WITH CONSISTENT SNAPSHOT";

    private ConsistentSnapshot(Consistency used, SourcePosition? position, IReadOnlyList<MySqlConnection> connections)
    {
        Used = used;
        Position = position;
        Connections = connections;
    }

    /// <summary>The mode actually used: never <see cref="Consistency.Auto"/>.</summary>
    public Consistency Used { get; }

    /// <summary>Null when the source does not write a binlog.</summary>
    public SourcePosition? Position { get; }

    public IReadOnlyList<MySqlConnection> Connections { get; }

    /// <param name="control">A connection that takes the locks and reads the position; it joins no snapshot.</param>
    /// <param name="endpoint">Where to open the export connections.</param>
    /// <param name="requested">The task's consistency.</param>
    /// <param name="threads">Export connections wanted (<see cref="Consistency.Snapshot"/> uses one).</param>
    /// <param name="tables">The dumped tables (locked by <see cref="Consistency.Lock"/>).</param>
    /// <param name="isMariaDb">The source is MariaDB.</param>
    /// <param name="warn">Receives what an operator should know.</param>
    /// <param name="cancellationToken">Cancels taking the snapshot.</param>
    public static async Task<ConsistentSnapshot> TakeAsync(
        MySqlConnection control,
        DatabaseEndpoint endpoint,
        Consistency requested,
        int threads,
        IReadOnlyList<TableName> tables,
        bool isMariaDb,
        Action<string> warn,
        CancellationToken cancellationToken)
    {
        if (requested == Consistency.Snapshot)
        {
            if (!isMariaDb)
                throw new MigrationException("consistency 'snapshot' needs MariaDB's binlog snapshot position; use 'flush' or 'lock' on MySQL");

            // Only the connection that started the snapshot knows its position: other connections' snapshots
            // would stand elsewhere, so this mode exports on one connection.
            if (threads > 1)
                warn($"consistency 'snapshot' exports on one connection (threads {threads} ignored): only it shares the recorded position");
            threads = 1;
        }

        // Opened before any lock, so the lock is held only for the few statements below.
        var opening = Enumerable.Range(0, threads).Select(_ => SourceConnections.OpenAsync(endpoint, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(opening).ConfigureAwait(false);
        }
        catch
        {
            foreach (var opened in opening.Where(t => t.IsCompletedSuccessfully))
                await opened.Result.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var connections = opening.Select(t => t.Result).ToList();
        try
        {
            var (used, position) = requested switch
            {
                Consistency.Auto or Consistency.Flush => await UnderGlobalLockAsync(control, connections, tables, requested, isMariaDb, warn, cancellationToken).ConfigureAwait(false),
                Consistency.Lock => (Consistency.Lock, await UnderTableLocksAsync(control, connections, tables, isMariaDb, cancellationToken).ConfigureAwait(false)),
                Consistency.Snapshot => (Consistency.Snapshot, await MariaDbSnapshotAsync(connections[0], cancellationToken).ConfigureAwait(false)),
                Consistency.None => (Consistency.None, await WithoutLockAsync(control, connections, isMariaDb, cancellationToken).ConfigureAwait(false)),
                _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, "unknown consistency"),
            };
            if (position is null)
                warn("binary logging is off on the source: the dump records no binlog position");
            return new ConsistentSnapshot(used, position, connections);
        }
        catch
        {
            foreach (var connection in connections)
                await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Connections)
            await connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// FLUSH TABLES WITH READ LOCK stops every commit; the snapshots started and the position read meanwhile all
    /// stand at the same point. <see cref="Consistency.Auto"/> falls back to table locks when the server refuses
    /// FTWRL for a missing privilege (no RELOAD, or a managed server), judged by the error number.
    /// </summary>
    private static async Task<(Consistency, SourcePosition?)> UnderGlobalLockAsync(
        MySqlConnection control,
        List<MySqlConnection> connections,
        IReadOnlyList<TableName> tables,
        Consistency requested,
        bool isMariaDb,
        Action<string> warn,
        CancellationToken cancellationToken)
    {
        try
        {
            await SourceConnections.ExecuteAsync(control, "FLUSH TABLES WITH READ LOCK", cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex) when (requested == Consistency.Auto && DumpErrors.IsPrivilegeError(ex.Number) && !cancellationToken.IsCancellationRequested)
        {
            warn($"FLUSH TABLES WITH READ LOCK refused ({ex.Message} [MySQL error {ex.Number}]): consistency 'lock' used instead");
            return (Consistency.Lock, await UnderTableLocksAsync(control, connections, tables, isMariaDb, cancellationToken).ConfigureAwait(false));
        }
        catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw DumpErrors.From(ex, "FLUSH TABLES WITH READ LOCK (consistency 'flush' needs the RELOAD privilege)");
        }

        try
        {
            await StartSnapshotsAsync(connections, cancellationToken).ConfigureAwait(false);
            return (Consistency.Flush, await SourcePosition.ReadMasterStatusAsync(control, readMariaDbGtid: isMariaDb, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            await UnlockAsync(control).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// LOCK TABLES ... READ waits for open writes to the dumped tables and holds new ones off; writes to other
    /// tables go on, so the position read meanwhile may move, but only past changes the dump does not hold.
    /// </summary>
    private static async Task<SourcePosition?> UnderTableLocksAsync(
        MySqlConnection control,
        List<MySqlConnection> connections,
        IReadOnlyList<TableName> tables,
        bool isMariaDb,
        CancellationToken cancellationToken)
    {
        SourcePosition? position;
        try
        {
            if (tables.Count > 0)
            {
                var sql = "LOCK TABLES " + string.Join(", ", tables.Select(t => SqlNames.Quote(t) + " READ"));
                await SourceConnections.ExecuteAsync(control, sql, cancellationToken).ConfigureAwait(false);
            }

            await StartSnapshotsAsync(connections, cancellationToken).ConfigureAwait(false);
            position = await SourcePosition.ReadMasterStatusAsync(control, readMariaDbGtid: false, cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw DumpErrors.From(ex, "LOCK TABLES ... READ on the dumped tables (consistency 'lock' needs the LOCK TABLES and SELECT privileges)");
        }
        finally
        {
            await UnlockAsync(control).ConfigureAwait(false);
        }

        // Commits elsewhere may have moved @@gtid_binlog_pos already: derive MariaDB's GTID state from the file position.
        return await WithMariaDbGtidAsync(control, position, isMariaDb, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SourcePosition?> MariaDbSnapshotAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await StartSnapshotsAsync([connection], cancellationToken).ConfigureAwait(false);
        return await SourcePosition.ReadMariaDbSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>No lock: the position is read first, so the snapshots stand at or after it (approximate).</summary>
    private static async Task<SourcePosition?> WithoutLockAsync(
        MySqlConnection control, List<MySqlConnection> connections, bool isMariaDb, CancellationToken cancellationToken)
    {
        var position = await SourcePosition.ReadMasterStatusAsync(control, readMariaDbGtid: false, cancellationToken).ConfigureAwait(false);
        position = await WithMariaDbGtidAsync(control, position, isMariaDb, cancellationToken).ConfigureAwait(false);
        await StartSnapshotsAsync(connections, cancellationToken).ConfigureAwait(false);
        return position;
    }

    private static async Task<SourcePosition?> WithMariaDbGtidAsync(
        MySqlConnection control, SourcePosition? position, bool isMariaDb, CancellationToken cancellationToken)
    {
        if (position is null || !isMariaDb)
            return position;
        try
        {
            var gtid = await SourcePosition.MariaDbGtidAtAsync(control, position.File, position.Position, cancellationToken).ConfigureAwait(false);
            return position with { Gtid = gtid };
        }
        catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw DumpErrors.From(ex, "reading the GTID state at the binlog position (BINLOG_GTID_POS)");
        }
    }

    private static async Task StartSnapshotsAsync(IReadOnlyList<MySqlConnection> connections, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(connections.Select(c => SourceConnections.ExecuteAsync(c, StartSnapshot, cancellationToken))).ConfigureAwait(false);
        }
        catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw DumpErrors.From(ex, "starting a consistent snapshot");
        }
    }

    /// <summary>Releases FTWRL or table locks; when that fails the connection is closed, which releases them too.</summary>
    private static async Task UnlockAsync(MySqlConnection control)
    {
        try
        {
            await SourceConnections.ExecuteAsync(control, "UNLOCK TABLES", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MySqlException or InvalidOperationException)
        {
            await control.CloseAsync().ConfigureAwait(false);
        }
    }
}
