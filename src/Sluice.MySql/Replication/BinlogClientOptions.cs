using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Session;

namespace Sluice.MySql.Replication;

/// <summary>Options of a <see cref="BinlogClient"/>.</summary>
public sealed record BinlogClientOptions
{
    public required MySqlConnectionOptions Connection { get; init; }

    /// <summary>server_id this client registers with; must differ from every server and replica. 0 picks one at random.</summary>
    public uint ServerId { get; init; }

    /// <summary>Where to start; null starts at the server's current end of binlog.</summary>
    public BinlogCheckpoint? Start { get; init; }

    /// <summary>How often the server sends a heartbeat when idle; a silence of three periods counts as a dropped connection.</summary>
    public TimeSpan HeartbeatPeriod { get; init; } = TimeSpan.FromSeconds(5);

    public bool VerifyChecksums { get; init; } = true;

    /// <summary>
    /// Ask a MariaDB server for its ANNOTATE_ROWS events (the statement behind each row event, when the server logs
    /// it). A consumer that applies rows only leaves them out: less to send and to decode.
    /// </summary>
    public bool AnnotateRows { get; init; } = true;

    /// <summary>End the stream when the server reaches the end of its binlog instead of waiting for new events.</summary>
    public bool StopAtEnd { get; init; }

    /// <summary>
    /// Where column names are looked up first when <see cref="ResolveColumnNames"/> is on: a server whose
    /// information_schema follows the binlog in step (a replication target that applies each DDL in order), with
    /// <see cref="SchemaTableMap"/> giving the table's name there. The source's own information_schema (the table as
    /// it is now) is the fallback. Null looks up the source only.
    /// </summary>
    public MySqlConnectionOptions? SchemaConnection { get; init; }

    /// <summary>The name on <see cref="SchemaConnection"/> of a source table (schema, table); null keeps the names.</summary>
    public Func<string, string, (string Schema, string Table)>? SchemaTableMap { get; init; }

    /// <summary>
    /// Where the columns of a table map come from when the binlog does not name them: a schema tracker that follows
    /// the binlog DDL by DDL. It is called in stream order, each event handled before the next is read, so it sees
    /// every DDL before the row events written after it. When set, information_schema is not read; a null answer
    /// (or one with another column count) leaves the event with positional names.
    /// </summary>
    public Func<TableMapEvent, CancellationToken, ValueTask<TableSchema?>>? TableSchemaProvider { get; init; }

    /// <summary>Look column names, signedness and charsets up in information_schema when the binlog does not carry them.</summary>
    public bool ResolveColumnNames { get; init; } = true;

    /// <summary>Reconnect attempts in a row before the stream gives up; reset by every event received.</summary>
    public int MaxReconnectAttempts { get; init; } = 30;

    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);
}
