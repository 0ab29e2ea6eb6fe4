// HTTP load on one endpoint: CLIENTS concurrent clients, each sending GET URL again as soon as its previous answer
// has been read in full, for SECONDS (after WARMUP seconds whose requests are not counted: the server's first
// answers pay for its JIT and connection set-up). Latency is from sending a request to having read its body.
//
//   ApiLoad URL CLIENTS SECONDS [WARMUP]
//
// Prints "requests=N rps=X p50_ms=X p99_ms=X max_ms=X non200=N" (non200 also counts failed requests).
using System.Diagnostics;
using System.Globalization;
using System.Net;

var url = new Uri(args[0]);
var clients = int.Parse(args[1], CultureInfo.InvariantCulture);
var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
var warmup = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 2;

// One connection per client, kept alive, as 50 separate curl loops or dashboards polling would hold.
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

var clock = Stopwatch.StartNew();
var measureFrom = TimeSpan.FromSeconds(warmup);
var end = measureFrom + TimeSpan.FromSeconds(seconds);
var nonOk = 0;

async Task<List<double>> Client()
{
    var latencies = new List<double>();
    while (clock.Elapsed < end)
    {
        var started = clock.Elapsed;
        bool ok;
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            ok = response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            ok = false;
        }
        catch (TaskCanceledException)
        {
            ok = false; // the 30 s client timeout
        }

        if (started < measureFrom)
            continue;
        latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        if (!ok)
            Interlocked.Increment(ref nonOk);
    }

    return latencies;
}

var all = (await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client))).ConfigureAwait(false))
    .SelectMany(l => l).Order().ToArray();
var measured = (clock.Elapsed - measureFrom).TotalSeconds; // includes the last requests' tails past the end
double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"requests={all.Length} rps={all.Length / measured:F0} p50_ms={Percentile(0.50):F2} p99_ms={Percentile(0.99):F2} max_ms={(all.Length == 0 ? double.NaN : all[^1]):F2} non200={nonOk}"));
