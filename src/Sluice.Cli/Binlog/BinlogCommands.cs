using System.CommandLine;
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
            var max = parse.GetValue(limit);
            using var printer = new EventPrinter(parse.GetValue(format));
            try
            {
                await foreach (var binlogEvent in client.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
                {
                    printer.Print(binlogEvent, client.CurrentPosition?.FileName ?? string.Empty, client.IsAtTransactionBoundary);
                    if (printer.Events == max)
                        break;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C: a clean stop after the last whole event.
            }

            return 0;
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

            // Local files are read synchronously: no thread hops, and each file is read to its end.
            var max = parse.GetValue(limit);
            using var printer = new EventPrinter(parse.GetValue(format));
            foreach (var file in files)
            {
                var reader = new BinlogFileReader(file.FullName, !parse.GetValue(noChecksum));
                foreach (var binlogEvent in reader.ReadEvents())
                {
                    if (cancellationToken.IsCancellationRequested)
                        return 0;
                    printer.Print(binlogEvent, file.Name, binlogEvent is XidEvent or QueryEvent { Query: not "BEGIN" });
                    if (printer.Events == max)
                        return 0;
                }
            }

            return await Task.FromResult(0).ConfigureAwait(false);
        }));
        return command;
    }

    private static (Option<EventFormat> Format, Option<long> Limit) CommonOptions() =>
        (new Option<EventFormat>("--format") { Description = "json (one object per line), text, or none (count only).", DefaultValueFactory = _ => EventFormat.Json },
         new Option<long>("--limit", "-n") { Description = "Stop after this many events (0: no limit)." });

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
