using System.Text.RegularExpressions;

namespace Sluice.Server.Tests.Reference;

/// <summary>
/// Every source and cluster row of DM's endpoint table (dm-endpoints.md) is served, and answers with one of the
/// statuses the table lists for it. Reads the table from SLUICE_DM_REFERENCE (default /work/shared/reference)
/// when it is there; skips otherwise.
/// </summary>
public sealed partial class EndpointTableTests
{
    /// <summary>Rows of the table not served yet, each with the reason.</summary>
    private static readonly Dictionary<string, string> s_notServedYet = new(StringComparer.Ordinal);

    [Fact]
    public async Task Every_source_and_cluster_endpoint_of_the_table_is_served_with_a_listed_status()
    {
        var directory = Environment.GetEnvironmentVariable("SLUICE_DM_REFERENCE") ?? "/work/shared/reference";
        var table = Path.Combine(directory, "dm-endpoints.md");
        if (!File.Exists(table))
            Assert.Skip($"{table} is not present");

        var rows = File.ReadAllLines(table)
            .Select(line => Row().Match(line))
            .Where(match => match.Success && (match.Groups["path"].Value.StartsWith("/api/v1/sources", StringComparison.Ordinal)
                                              || match.Groups["path"].Value.StartsWith("/api/v1/cluster", StringComparison.Ordinal)))
            .ToList();
        Assert.True(rows.Count >= 20, $"only {rows.Count} source and cluster rows found in {table}");

        await using var host = await ServerHost.StartAsync(TestContext.Current.CancellationToken);
        var failures = new List<string>();
        foreach (var row in rows)
        {
            var method = row.Groups["method"].Value;
            var template = row.Groups["path"].Value;
            if (s_notServedYet.ContainsKey($"{method} {template}"))
                continue;
            var path = template.Replace("{source-name}", "no-such-source", StringComparison.Ordinal)
                .Replace("{schema-name}", "db1", StringComparison.Ordinal)
                .Replace("{master-name}", "master1", StringComparison.Ordinal)
                .Replace("{worker-name}", "worker1", StringComparison.Ordinal);
            var listed = Status().Matches(row.Groups["responses"].Value).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            using var response = await host.SendJsonAsync(new HttpMethod(method), path, "{}", TestContext.Current.CancellationToken);
            if (!listed.Contains((int)response.StatusCode))
                failures.Add($"{method} {path}: {(int)response.StatusCode}, the table lists {string.Join(", ", listed)}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [GeneratedRegex(@"^\| (?<method>GET|POST|PUT|DELETE|PATCH) \| `(?<path>[^`]+)` \|[^|]*\|[^|]*\|[^|]*\| (?<responses>[^|]+) \|")]
    private static partial Regex Row();

    [GeneratedRegex(@"\b[1-5]\d\d\b")]
    private static partial Regex Status();
}
