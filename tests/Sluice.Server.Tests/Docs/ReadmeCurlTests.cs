using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sluice.Testing;

namespace Sluice.Server.Tests.Docs;

/// <summary>
/// README.md's quick start, run: every curl command of the section is sent, in the README's order, to a server whose
/// source and target are the MariaDB fixture, with the variables `scripts/demo.sh --keep` prints standing for the
/// demo's address and ports, and each must answer 2xx.
/// </summary>
public sealed partial class ReadmeCurlTests(MariaDbServers servers)
{
    /// <summary>The password the README writes: the demo's servers' (scripts/mariadb.sh's default).</summary>
    private const string ReadmePassword = "sluice";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_curl_command_of_the_quick_start_answers_2xx()
    {
        var blocks = CurlBlocks(QuickStart());
        Assert.True(blocks.Count >= 9, $"the quick start has {blocks.Count} curl blocks; expected DM's flow (create and get source, create, get, start, status, stop and delete task, …)");
        await PrepareAsync();
        await using var host = await ServerHost.StartAsync(Ct);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DM_ADDR"] = host.Server.Addresses[0].Authority,
            ["SOURCE_PORT"] = servers.Source.Port.ToString(CultureInfo.InvariantCulture),
            ["TARGET_PORT"] = servers.Target.Port.ToString(CultureInfo.InvariantCulture),
            ["MYSQL_PWD"] = servers.Source.Password,
        };

        foreach (var block in blocks)
        {
            var words = Assert.Single(ShellWords.Split(block, variables));
            var curl = CurlCommand.Parse(words);
            using var request = new HttpRequestMessage(new HttpMethod(curl.Method), curl.Url);
            foreach (var (name, value) in curl.Headers.Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
                request.Headers.Add(name, value);
            if (curl.Body is { } body)
            {
                var contentType = curl.Headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
                request.Content = new StringContent(WithFixturePasswords(body), Encoding.UTF8);
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType ?? "application/x-www-form-urlencoded");
            }

            using var response = await host.Client.SendAsync(request, Ct);
            var answer = await response.Content.ReadAsStringAsync(Ct);
            Assert.True((int)response.StatusCode is >= 200 and < 300, $"{curl}: HTTP {(int)response.StatusCode} {answer}");
        }
    }

    [Fact]
    public void The_quick_start_uses_only_the_variables_the_demo_prints_with_keep()
    {
        var demo = File.ReadAllText(RepositoryPaths.Script("demo.sh"));
        var printed = ExportNames(demo.Split('\n').Single(line => line.Contains("echo \"export DM_ADDR=", StringComparison.Ordinal)));
        var section = QuickStart();

        var used = CurlBlocks(section).SelectMany(block => VariableUse().Matches(block).Select(m => m.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal);
        var shown = ExportNames(section.Split('\n').Single(line => line.StartsWith("export DM_ADDR=", StringComparison.Ordinal)));

        Assert.Subset(printed.ToHashSet(StringComparer.Ordinal), used);
        Assert.Equal(printed, shown);
    }

    /// <summary>The README's "## Quick start" section, up to the next section of its level.</summary>
    private static string QuickStart()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("\n## Quick start\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Quick start' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    /// <summary>The fenced shell blocks that are a curl command.</summary>
    private static List<string> CurlBlocks(string section) =>
        [.. FencedShell().Matches(section).Select(m => m.Groups["body"].Value).Where(body => body.TrimStart().StartsWith("curl ", StringComparison.Ordinal))];

    private static List<string> ExportNames(string line) =>
        [.. ExportAssignment().Matches(line).Select(m => m.Groups["name"].Value)];

    /// <summary>The README writes the demo's password; the fixture's servers may have another (SLUICE_TEST_PASSWORD).</summary>
    private string WithFixturePasswords(string body)
    {
        var json = JsonNode.Parse(body);
        if (json is not JsonObject root)
            return body;
        if (root["password"] is JsonValue source)
        {
            Assert.Equal(ReadmePassword, source.GetValue<string>());
            root["password"] = servers.Source.Password;
        }

        if (root["task"]?["target_config"] is JsonObject { } target && target["password"] is JsonValue targetPassword)
        {
            Assert.Equal(ReadmePassword, targetPassword.GetValue<string>());
            target["password"] = servers.Target.Password;
        }

        return root.ToJsonString();
    }

    /// <summary>
    /// The README's schema <c>shop</c> on the source (two tables, as the demo seeds them, with a few rows), and the
    /// task's target schema and meta schema cleared on the target.
    /// </summary>
    private async Task PrepareAsync()
    {
        await servers.Target.ExecuteAsync("DROP DATABASE IF EXISTS `db1`; DROP DATABASE IF EXISTS `dm-meta`", Ct);
        await servers.Source.ExecuteAsync(
            """
            DROP DATABASE IF EXISTS `shop`;
            CREATE DATABASE `shop`;
            CREATE TABLE `shop`.`customers` (`id` INT PRIMARY KEY, `name` VARCHAR(64) NOT NULL);
            CREATE TABLE `shop`.`orders` (`id` BIGINT UNSIGNED PRIMARY KEY AUTO_INCREMENT, `customer_id` INT NOT NULL, `amount` DECIMAL(12,2) NOT NULL);
            INSERT INTO `shop`.`customers` SELECT `seq`, CONCAT('customer ', `seq`) FROM `shop`.`seq_1_to_10`;
            INSERT INTO `shop`.`orders` (`customer_id`, `amount`) SELECT `seq`, `seq` * 1.5 FROM `shop`.`seq_1_to_10`;
            """,
            Ct);
    }

    [GeneratedRegex(@"^```(?:shell|sh)\n(?<body>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedShell();

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariableUse();

    [GeneratedRegex(@"(?<name>[A-Z_][A-Z0-9_]*)=")]
    private static partial Regex ExportAssignment();
}
