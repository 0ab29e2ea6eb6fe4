using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;

namespace Sluice.MySql.Replication;

/// <summary>
/// Follows a binlog stream event by event and knows where it stands: the position after the last event and
/// the checkpoint after the last complete transaction (XID, COMMIT, a DDL statement, or a real ROTATE),
/// with the GTID state advanced only when a transaction completes.
/// </summary>
internal sealed class StreamPositionTracker
{
    private string _file;
    private ulong _position;
    private GtidSet? _gtidSet;
    private MariaDbGtidList? _mariaDbGtids;
    private (Guid SourceId, long TransactionNumber)? _pendingGtid;
    private MariaDbGtid? _pendingMariaDbGtid;
    private bool _inTransaction;
    private bool _sawBegin;

    public StreamPositionTracker(BinlogCheckpoint start)
    {
        _file = start.Position?.FileName ?? string.Empty;
        _position = start.Position?.Position ?? 4;
        _gtidSet = start.GtidSet;
        _mariaDbGtids = start.MariaDbGtids;
        Checkpoint = start;
    }

    /// <summary>Position after the last complete transaction: a stream restarted here loses and repeats nothing.</summary>
    public BinlogCheckpoint Checkpoint { get; private set; }

    /// <summary>Position right after the last event observed.</summary>
    public BinlogPosition Current => new(_file, _position);

    public bool IsAtTransactionBoundary => !_inTransaction;

    public void Observe(BinlogEvent binlogEvent)
    {
        switch (binlogEvent)
        {
            case RotateEvent rotate:
                _file = rotate.NextFileName;
                _position = rotate.Position;
                if (!_inTransaction)
                    Commit();
                return;
            case HeartbeatEvent:
                return;
            case MariaDbGtidEvent gtid:
                // MariaDB's GTID event stands in for BEGIN, except before a standalone statement (DDL).
                _pendingMariaDbGtid = gtid.Gtid;
                _inTransaction = true;
                _sawBegin = !gtid.IsStandalone;
                break;
            case GtidEvent gtid:
                _pendingGtid = gtid.IsAnonymous ? null : (gtid.SourceId, gtid.TransactionNumber);
                _inTransaction = true;
                _sawBegin = false;
                break;
            case PreviousGtidsEvent previous when _gtidSet is null && !binlogEvent.Header.IsArtificial:
                _gtidSet = previous.GtidSet;
                break;
            case MariaDbGtidListEvent list when _mariaDbGtids is null && !binlogEvent.Header.IsArtificial:
                _mariaDbGtids = list.GtidList;
                break;
        }

        if (binlogEvent.Header.LogPosition != 0)
            _position = binlogEvent.Header.LogPosition;

        switch (binlogEvent)
        {
            case XidEvent:
                Commit();
                break;
            case QueryEvent query:
                ObserveQuery(query.Query);
                break;
            case FormatDescriptionEvent or PreviousGtidsEvent or MariaDbGtidListEvent or BinlogCheckpointEvent or StopEvent
                when !_inTransaction:
                Commit();
                break;
        }
    }

    private void ObserveQuery(string query)
    {
        var statement = query.AsSpan().Trim();
        if (statement.Equals("BEGIN", StringComparison.OrdinalIgnoreCase))
        {
            _inTransaction = true;
            _sawBegin = true;
        }
        else if (statement.StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase)
                 || statement.StartsWith("ROLLBACK", StringComparison.OrdinalIgnoreCase)
                 || !_sawBegin)
        {
            // COMMIT/ROLLBACK ends a BEGIN group; any other statement outside one (DDL) is a transaction of its own.
            Commit();
        }
    }

    private void Commit()
    {
        if (_pendingMariaDbGtid is { } mariaDbGtid)
            _mariaDbGtids = (_mariaDbGtids ?? MariaDbGtidList.Empty).WithGtid(mariaDbGtid);
        if (_pendingGtid is { } gtid)
            _gtidSet = (_gtidSet ?? GtidSet.Empty).Add(gtid.SourceId, gtid.TransactionNumber);
        _pendingMariaDbGtid = null;
        _pendingGtid = null;
        _inTransaction = false;
        _sawBegin = false;
        Checkpoint = new BinlogCheckpoint
        {
            Position = string.IsNullOrEmpty(_file) ? null : new BinlogPosition(_file, _position),
            GtidSet = _gtidSet,
            MariaDbGtids = _mariaDbGtids,
        };
    }
}
