using System.Globalization;
using System.Text.Json;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Binlog;

public sealed class BinlogTailCommandTests(MariaDbServers servers)
{
    private string[] Connection => ["--host", servers.Source.Host, "--port", servers.Source.Port.ToString(CultureInfo.InvariantCulture), "--user", servers.Source.User, "--password", servers.Source.Password];

    [Fact]
    public async Task Tail_prints_one_json_object_per_event_with_named_typed_row_values()
    {
        var (file, position) = await WriteRowsAsync("cli_json");

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(
            ["binlog", "tail", .. Connection, "--file", file, "--pos", position.ToString(CultureInfo.InvariantCulture), "--stop-at-end"]);

        Assert.True(exitCode == 0, stderr);
        var events = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var rows = events.Where(e => e.TryGetProperty("schema", out var s) && s.GetString() == "cli_json" && e.TryGetProperty("rows", out _)).ToList();
        Assert.Equal(["WRITE_ROWS_V1", "UPDATE_ROWS_V1", "DELETE_ROWS_V1"], rows.Select(e => e.GetProperty("type").GetString()));

        var insert = rows[0];
        Assert.Equal("t", insert.GetProperty("table").GetString());
        Assert.Matches(@"^0-\d+-\d+$", insert.GetProperty("gtid").GetString());
        Assert.Equal(file, insert.GetProperty("file").GetString());
        Assert.True(insert.GetProperty("end_pos").GetUInt64() > insert.GetProperty("pos").GetUInt64());
        var first = insert.GetProperty("rows")[0];
        Assert.Equal(JsonValueKind.Number, first.GetProperty("id").ValueKind);
        Assert.Equal(1, first.GetProperty("id").GetInt64());
        Assert.Equal("Zoë 🚀", first.GetProperty("name").GetString());
        Assert.Equal("-12345678901234567890.123456789", first.GetProperty("amount").GetRawText());
        Assert.Equal(18446744073709551615UL, first.GetProperty("big").GetUInt64());
        Assert.Equal("2026-11-25 10:00:00.125", first.GetProperty("at").GetString());
        Assert.Equal(Convert.ToBase64String([0x00, 0xFF, 0x10]), first.GetProperty("raw").GetString());
        Assert.Equal(JsonValueKind.Null, insert.GetProperty("rows")[1].GetProperty("name").ValueKind);

        var update = rows[1].GetProperty("rows")[0];
        Assert.Equal("Zoë 🚀", update.GetProperty("before").GetProperty("name").GetString());
        Assert.Equal("renamed", update.GetProperty("after").GetProperty("name").GetString());
        Assert.Equal(2, rows[2].GetProperty("rows")[0].GetProperty("id").GetInt64());
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "XID");
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "QUERY" && e.GetProperty("query").GetString()!.StartsWith("CREATE TABLE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Limit_stops_after_that_many_events_and_text_format_reads_like_mysqlbinlog()
    {
        var (file, position) = await WriteRowsAsync("cli_text");

        var limited = await CliProcess.RunAsync(["binlog", "tail", .. Connection, "--file", file, "--pos", position.ToString(CultureInfo.InvariantCulture), "--limit", "3"]);
        Assert.Equal(0, limited.ExitCode);
        Assert.Equal(3, limited.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var text = await CliProcess.RunAsync(["binlog", "tail", .. Connection, "--file", file, "--pos", position.ToString(CultureInfo.InvariantCulture), "--stop-at-end", "--format", "text"]);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("### INSERT INTO `cli_text`.`t` SET id=1 name='Zoë 🚀'", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("### DELETE FROM `cli_text`.`t` WHERE id=2", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tail_from_a_gtid_starts_after_it_and_ctrl_c_stops_cleanly()
    {
        await WriteRowsAsync("cli_gtid_before");
        var gtid = (string)(await servers.Source.ScalarAsync("SELECT @@gtid_binlog_pos"))!;
        await WriteRowsAsync("cli_gtid_after");
        // A backlog big enough that the interrupt lands while events are still being printed.
        await servers.Source.ExecuteAsync(
            "CREATE TABLE cli_gtid_after.backlog (id INT PRIMARY KEY, s VARCHAR(100));" +
            "INSERT INTO cli_gtid_after.backlog SELECT seq, REPEAT('x', 100) FROM cli_gtid_after.seq_1_to_200000");

        using var cli = CliProcess.Start(["binlog", "tail", .. Connection, "--gtid", gtid]);
        // Interrupted once it prints the backlog (not after a fixed time, which a loaded machine may not honour).
        await cli.WaitUntilAsync(() => Task.FromResult(cli.StdoutSoFar.Contains("\"table\":\"backlog\"", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        cli.Interrupt();
        var (exitCode, stdout, stderr) = await cli.WaitAsync(TimeSpan.FromSeconds(30));

        // Ctrl-C is a clean stop: exit code 0, and every line printed is a whole event.
        Assert.True(exitCode == 0, $"exit code {exitCode}: {stderr}");
        Assert.All(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => JsonDocument.Parse(line).Dispose());
        Assert.Contains("\"schema\":\"cli_gtid_after\"", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cli_gtid_before", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_and_unreachable_servers_get_a_clear_error()
    {
        var badGtid = await CliProcess.RunAsync(["binlog", "tail", .. Connection, "--gtid", "not-a-gtid"]);
        Assert.NotEqual(0, badGtid.ExitCode);
        Assert.Contains("--gtid 'not-a-gtid'", badGtid.Stderr, StringComparison.Ordinal);

        var denied = await CliProcess.RunAsync(["binlog", "tail", "--host", "127.0.0.1", "--port", servers.Source.Port.ToString(CultureInfo.InvariantCulture), "--user", "root", "--password", "wrong", "--limit", "1"]);
        Assert.NotEqual(0, denied.ExitCode);
        Assert.Contains("1045", denied.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", denied.Stderr, StringComparison.Ordinal);

        // A port nobody listens on: one clear line, at once, not minutes of retries.
        var refused = await CliProcess.RunAsync(["binlog", "tail", "--host", "127.0.0.1", "--port", "1", "--user", "root", "--password", "x"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("sluice: error: ", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decode_reads_a_local_binlog_file()
    {
        await WriteRowsAsync("cli_decode");
        var (file, _) = await servers.Source.MasterStatusAsync();
        var path = Path.Combine(servers.Source.DataDirectory, file);

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(["binlog", "decode", path]);

        Assert.True(exitCode == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("FORMAT_DESCRIPTION", JsonDocument.Parse(lines[0]).RootElement.GetProperty("type").GetString());
        Assert.Contains(lines, l => l.Contains("\"schema\":\"cli_decode\"", StringComparison.Ordinal) && l.Contains("WRITE_ROWS_V1", StringComparison.Ordinal));
    }

    private async Task<(string File, ulong Position)> WriteRowsAsync(string schema)
    {
        var source = servers.Source;
        await source.ExecuteAsync($"DROP DATABASE IF EXISTS {schema}; CREATE DATABASE {schema}");
        var start = await source.MasterStatusAsync();
        await source.ExecuteAsync(
            $"CREATE TABLE {schema}.t (id INT PRIMARY KEY, name VARCHAR(20) CHARACTER SET utf8mb4, amount DECIMAL(30,9), big BIGINT UNSIGNED, at DATETIME(3), raw VARBINARY(8));" +
            $"INSERT INTO {schema}.t VALUES (1, 'Zoë 🚀', -12345678901234567890.123456789, 18446744073709551615, '2026-11-25 10:00:00.125', 0x00FF10), (2, NULL, 0, 0, NULL, NULL);" +
            $"UPDATE {schema}.t SET name = 'renamed' WHERE id = 1;" +
            $"DELETE FROM {schema}.t WHERE id = 2");
        return start;
    }
}
