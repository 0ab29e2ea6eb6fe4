// Replication lag probe: a heartbeat row updated on the source every INTERVAL_MS (sbtest.heartbeat, id 1, seq
// counting up) and polled on the replica every 2 ms; each heartbeat's lag is the time from its commit on the
// source to the first poll that sees it on the replica (both timed by this one process's clock).
//
//   LagProbe SOURCE_PORT TARGET_PORT PASSWORD SECONDS [INTERVAL_MS]
//
// LAG_SERIES=FILE also writes each heartbeat's commit time and lag (ms), one per line.
// Prints "heartbeats=N lag_p50_ms=X lag_p99_ms=Y lag_max_ms=Z".
using System.Diagnostics;
using System.Globalization;
using MySqlConnector;

var sourcePort = uint.Parse(args[0], CultureInfo.InvariantCulture);
var targetPort = uint.Parse(args[1], CultureInfo.InvariantCulture);
var password = args[2];
var seconds = double.Parse(args[3], CultureInfo.InvariantCulture);
var interval = TimeSpan.FromMilliseconds(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 50);

string ConnectionString(uint port) => new MySqlConnectionStringBuilder
{
    Server = "127.0.0.1", Port = port, UserID = "root", Password = password, SslMode = MySqlSslMode.None, Database = "sbtest",
}.ConnectionString;

await using var source = new MySqlConnection(ConnectionString(sourcePort));
await using var target = new MySqlConnection(ConnectionString(targetPort));
await source.OpenAsync();
await target.OpenAsync();

var clock = Stopwatch.StartNew();
var start = Convert.ToInt64(await Scalar(source, "SELECT seq FROM heartbeat WHERE id = 1"), CultureInfo.InvariantCulture);
var written = new List<long>(); // ticks at which heartbeat start + 1 + i committed
var writing = true;
var writer = Task.Run(async () =>
{
    var next = clock.Elapsed;
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        await using (var command = new MySqlCommand("UPDATE heartbeat SET seq = @s WHERE id = 1", source))
        {
            command.Parameters.AddWithValue("@s", start + written.Count + 1);
            await command.ExecuteNonQueryAsync();
        }

        lock (written)
            written.Add(clock.ElapsedTicks);
        next += interval;
        var wait = next - clock.Elapsed;
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);
    }

    Volatile.Write(ref writing, false);
});

var lags = new List<double>();
// LAG_SERIES=FILE writes "commit_ms lag_ms" per heartbeat, to see when the slow ones happen.
using var series = Environment.GetEnvironmentVariable("LAG_SERIES") is { Length: > 0 } seriesPath ? new StreamWriter(seriesPath) : null;
var seen = start;
var deadline = TimeSpan.FromSeconds(seconds + 120);
while (clock.Elapsed < deadline)
{
    var seq = Convert.ToInt64(await Scalar(target, "SELECT seq FROM heartbeat WHERE id = 1"), CultureInfo.InvariantCulture);
    var now = clock.ElapsedTicks;
    if (seq > seen)
    {
        lock (written)
        {
            for (var s = seen + 1; s <= seq; s++)
            {
                var at = s - start - 1 < written.Count ? written[(int)(s - start - 1)] : now;
                lags.Add(Math.Max(0, now - at) * 1000.0 / Stopwatch.Frequency);
                series?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{at * 1000.0 / Stopwatch.Frequency:F0} {lags[^1]:F0}"));
            }
        }

        seen = seq;
    }

    int count;
    lock (written)
        count = written.Count;
    if (!Volatile.Read(ref writing) && seen >= start + count)
        break;
    await Task.Delay(2);
}

await writer;
if (lags.Count == 0)
{
    Console.Error.WriteLine("no heartbeat reached the replica");
    return 1;
}

lags.Sort();
double Percentile(double p) => lags[Math.Min(lags.Count - 1, (int)Math.Ceiling(p * lags.Count) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"heartbeats={lags.Count} lag_p50_ms={Percentile(0.50):F0} lag_p99_ms={Percentile(0.99):F0} lag_max_ms={lags[^1]:F0}"));
return lags.Count == written.Count ? 0 : 2;

static async Task<object?> Scalar(MySqlConnection connection, string sql)
{
    await using var command = new MySqlCommand(sql, connection);
    return await command.ExecuteScalarAsync();
}
