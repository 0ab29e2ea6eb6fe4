using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using Sluice.MySql.Replication;
using Sluice.MySql.Session;

namespace Sluice.Cli.Binlog;

/// <summary><c>sluice binlog tail</c> (stream from a server) and <c>sluice binlog decode</c> (read a local file).</summary>
internal static class BinlogCommands
{
    public static Command Create()
    {
        var binlog = new Command("binlog", "Read a MySQL or MariaDB binlog as structured events.");
        binlog.Subcommands.Add(CreateTail());
        binlog.Subcommands.Add(CreateDecode());
        return binlog;
    }

    private static Command CreateTail()
    {
        var host = new Option<string>("--host") { Description = "Server host.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-P") { Description = "Server port.", DefaultValueFactory = _ => 3306 };
        var user = new Option<string>("--user", "-u") { Description = "User with REPLICATION SLAVE (and SELECT on information_schema for column names).", DefaultValueFactory = _ => "root" };
        var password = new Option<string?>("--password", "-p") { Description = "Password; defaults to $SLUICE_PASSWORD." };
        var gtid = new Option<string?>("--gtid") { Description = "Start after this GTID state: MariaDB '0-1-100[,1-2-5]' or MySQL 'uuid:1-100[,...]'." };
        var file = new Option<string?>("--file") { Description = "Start in this binlog file." };
        var pos = new Option<ulong>("--pos") { Description = "Start at this position of --file.", DefaultValueFactory = _ => 4 };
        var serverId = new Option<uint>("--server-id") { Description = "server_id to register as (0: random)." };
        var ssl = new Option<MySqlSslMode>("--ssl-mode") { Description = "TLS: Disabled, Preferred, Required, VerifyCA, VerifyFull.", DefaultValueFactory = _ => MySqlSslMode.Preferred };
        var sslCa = new Option<string?>("--ssl-ca") { Description = "CA certificate (PEM) for VerifyCA/VerifyFull." };
        var noNames = new Option<bool>("--no-column-names") { Description = "Do not look column names up in information_schema." };
        var stopAtEnd = new Option<bool>("--stop-at-end") { Description = "Exit at the end of the server's binlog instead of waiting for new events." };
        var (format, limit) = CommonOptions();
        var command = new Command("tail", "Stream a server's binlog and print every decoded event; stops after --limit events or on Ctrl-C.")
        {
            host, port, user, password, gtid, file, pos, serverId, ssl, sslCa, noNames, stopAtEnd, format, limit,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(gtid) is not null && result.GetValue(file) is not null)
                result.AddError("--gtid and --file are alternatives: give one.");
            if (result.GetValue(gtid) is { } text && !TryParseGtids(text, out _))
                result.AddError($"--gtid '{text}' is neither a MariaDB GTID list (0-1-100) nor a MySQL GTID set (uuid:1-100).");
        });
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            BinlogCheckpoint? start = null;
            if (parse.GetValue(gtid) is { } gtidText && TryParseGtids(gtidText, out var fromGtid))
            {
                start = fromGtid;
            }
            else if (parse.GetValue(file) is { } fileName)
            {
                start = BinlogCheckpoint.At(new BinlogPosition(fileName, parse.GetValue(pos)));
            }

            var options = new BinlogClientOptions
            {
                Connection = new MySqlConnectionOptions
                {
                    Host = parse.GetValue(host)!,
                    Port = parse.GetValue(port),
                    User = parse.GetValue(user)!,
                    Password = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("SLUICE_PASSWORD") ?? string.Empty,
                    SslMode = parse.GetValue(ssl),
                    SslCaFile = parse.GetValue(sslCa),
                },
                ServerId = parse.GetValue(serverId),
                Start = start,
                ResolveColumnNames = !parse.GetValue(noNames),
                StopAtEnd = parse.GetValue(stopAtEnd),
            };
            await using var client = new BinlogClient(options);
            client.Reconnecting += (_, e) => Console.Error.WriteLine($"sluice: binlog connection lost ({e.Error.Message}); reconnecting (attempt {e.Attempt})");
            return await PrintAsync(
                client.ReadEventsAsync(cancellationToken),
                () => client.CurrentPosition?.FileName ?? string.Empty,
                () => client.IsAtTransactionBoundary,
                parse.GetValue(format),
                parse.GetValue(limit),
                cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command CreateDecode()
    {
        var paths = new Argument<FileInfo[]>("path") { Description = "Binlog files (mysql-bin.000001, binlog.000001, ...), read in the order given.", Arity = ArgumentArity.OneOrMore };
        var noChecksum = new Option<bool>("--no-verify-checksum") { Description = "Skip CRC32 verification." };
        var (format, limit) = CommonOptions();
        var command = new Command("decode", "Decode local binlog files and print every event.") { paths, noChecksum, format, limit };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var files = parse.GetValue(paths)!;
            foreach (var missing in files.Where(f => !f.Exists))
            {
                await Console.Error.WriteLineAsync($"sluice: no such file: {missing.FullName}").ConfigureAwait(false);
                return 2;
            }

            var boundary = true;
            var current = string.Empty;
            return await PrintAsync(
                Track(ReadFilesAsync(files, !parse.GetValue(noChecksum), name => current = name, cancellationToken), b => boundary = b),
                () => current,
                () => boundary,
                parse.GetValue(format),
                parse.GetValue(limit),
                cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static (Option<EventFormat> Format, Option<long> Limit) CommonOptions() =>
        (new Option<EventFormat>("--format") { Description = "json (one object per line), text, or none (count only).", DefaultValueFactory = _ => EventFormat.Json },
         new Option<long>("--limit", "-n") { Description = "Stop after this many events (0: no limit)." });

    private static async IAsyncEnumerable<BinlogEvent> ReadFilesAsync(
        FileInfo[] files,
        bool verifyChecksums,
        Action<string> opening,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            opening(file.Name);
            // The synchronous reader: local reads need no thread hops, and each file is read to its end.
            var reader = new BinlogFileReader(file.FullName, verifyChecksums);
            foreach (var binlogEvent in reader.ReadEvents())
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return binlogEvent;
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<BinlogEvent> Track(IAsyncEnumerable<BinlogEvent> events, Action<bool> boundary)
    {
        await foreach (var binlogEvent in events.ConfigureAwait(false))
        {
            yield return binlogEvent;
            boundary(binlogEvent is XidEvent or QueryEvent { Query: not "BEGIN" });
        }
    }

    private static async Task<int> PrintAsync(
        IAsyncEnumerable<BinlogEvent> events,
        Func<string> currentFile,
        Func<bool> atBoundary,
        EventFormat format,
        long limit,
        CancellationToken cancellationToken)
    {
        using var output = new ConsoleOutput();
        using var json = format == EventFormat.Json ? new EventJsonWriter(output) : null;
        using var text = format == EventFormat.Text ? new EventTextWriter(output) : null;
        long count = 0, rows = 0;
        string? gtid = null;
        var clock = Stopwatch.StartNew();
        try
        {
            await foreach (var binlogEvent in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                gtid = binlogEvent switch
                {
                    MariaDbGtidEvent mariaDb => mariaDb.Gtid.ToString(),
                    GtidEvent mySql when !mySql.IsAnonymous => mySql.Gtid,
                    _ => gtid,
                };
                json?.Write(binlogEvent, currentFile(), gtid);
                text?.Write(binlogEvent, currentFile(), gtid);
                if (binlogEvent is RowsEvent rowsEvent)
                    rows += rowsEvent.Rows.Count;
                if (atBoundary())
                    gtid = null;
                if (++count == limit)
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: a clean stop.
        }

        if (format == EventFormat.None)
        {
            var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events={count} rows={rows} seconds={seconds:F3} events_per_second={count / seconds:F0}"));
        }

        return 0;
    }

    private static bool TryParseGtids(string text, out BinlogCheckpoint? checkpoint)
    {
        if (MariaDbGtidList.TryParse(text, out var mariaDb))
        {
            checkpoint = BinlogCheckpoint.At(mariaDb);
            return true;
        }

        if (GtidSet.TryParse(text, out var mySql))
        {
            checkpoint = BinlogCheckpoint.At(mySql);
            return true;
        }

        checkpoint = null;
        return false;
    }
}
