using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks;
using Sluice.ChangeFeed.Sinks.MySql;
using Sluice.MySql.Binlog.Rows;
using Sluice.Testing;

namespace Sluice.ChangeFeed.Tests.Sinks.MySql;

/// <summary>Captured tables, row changes and transactions for the MySQL sink's tests, written as the processor would hand them over.</summary>
internal static class SinkRows
{
    private static long _nextTs = 1_000;

    public static ChangeColumn Key(string name) =>
        new(name, ColumnType.Long, "int", "int(11)", false, Key: ColumnKeyFlags.PrimaryKey | ColumnKeyFlags.HandleKey);

    public static ChangeColumn UniqueInt(string name) =>
        new(name, ColumnType.Long, "int", "int(11)", false, Key: ColumnKeyFlags.UniqueKey);

    public static ChangeColumn Int(string name) => new(name, ColumnType.Long, "int", "int(11)", true);

    public static ChangeColumn Text(string name) =>
        new(name, ColumnType.VarChar, "varchar", "varchar(40)", true, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Length: 40);

    public static ChangeTable Table(string schema, string name, params ChangeColumn[] columns) => new(schema, name, columns, NextTs());

    /// <summary>A commit TSO later than every one before it.</summary>
    public static Tso NextTs() => Tso.FromUnixMilliseconds(1_750_000_000_000 + Interlocked.Increment(ref _nextTs));

    public static RowChangedEvent Insert(ChangeTable table, params object?[] after) =>
        new() { Table = table, Kind = RowChangeKind.Insert, CommitTs = Tso.Zero, After = after };

    public static RowChangedEvent Update(ChangeTable table, object?[] before, object?[] after) =>
        new() { Table = table, Kind = RowChangeKind.Update, CommitTs = Tso.Zero, Before = before, After = after };

    public static RowChangedEvent Delete(ChangeTable table, params object?[] before) =>
        new() { Table = table, Kind = RowChangeKind.Delete, CommitTs = Tso.Zero, Before = before };

    /// <summary>One transaction in one chunk.</summary>
    public static TransactionChunk Txn(params RowChangedEvent[] rows)
    {
        var ts = NextTs();
        return new TransactionChunk(ts, ts, rows);
    }

    /// <summary>
    /// A sink on <paramref name="uri"/>; with <paramref name="pastStartup"/>, its clock already past the first minute, so
    /// it writes in safe mode only when the URI asks.
    /// </summary>
    public static MySqlSink Open(string uri, bool pastStartup = true)
    {
        var clock = new ManualClock();
        var sink = MySqlSink.Create(Sluice.ChangeFeed.Sinks.SinkUri.Parse(uri), time: clock);
        if (pastStartup)
            clock.Now += TimeSpan.FromMinutes(2);
        return sink;
    }

    public static string UriOf(MariaDbInstance server, string parameters = "") =>
        $"mysql://{Uri.EscapeDataString(server.User)}:{Uri.EscapeDataString(server.Password)}@{server.Host}:{server.Port}/{(parameters.Length > 0 ? "?" + parameters : string.Empty)}";

    /// <summary>Every row of <paramref name="table"/> as "a|b|c" lines (NULL as \N), in <paramref name="orderBy"/> order.</summary>
    public static async Task<List<string>> RowsAsync(MariaDbInstance server, string table, string orderBy)
    {
        await using var connection = await server.OpenConnectionAsync();
        await using var command = new MySqlConnector.MySqlCommand($"SELECT * FROM {table} ORDER BY {orderBy}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
                values[i] = reader.IsDBNull(i) ? "\\N" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            rows.Add(string.Join('|', values));
        }

        return rows;
    }
}

/// <summary>A clock a test moves by hand.</summary>
internal sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}
