using System.Runtime.CompilerServices;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tests.Tasks;

/// <summary>
/// A representative task (golden/*.json) mapped to the engine's task and compared, as text, to golden/*.txt.
/// SLUICE_UPDATE_GOLDEN=1 rewrites the .txt files from what the mapper gives.
/// </summary>
public sealed class TaskMapperGoldenTests
{
    private static readonly IReadOnlyDictionary<string, SourceConnection> Sources = new Dictionary<string, SourceConnection>(TaskSamples.Connections, StringComparer.Ordinal)
    {
        ["mysql-02"] = TaskSamples.Connections["mysql-02"] with { Tls = new TlsContents("-----BEGIN CERTIFICATE----- source-ca", null, null) },
    };

    [Theory]
    [InlineData("orders-merge")]
    public void Task_maps_to_its_golden_rendering(string name)
    {
        var directory = GoldenDirectory();
        var task = TaskJson.Parse(File.ReadAllText(Path.Combine(directory, name + ".json")));
        Assert.Empty(TaskValidator.Validate(task, TaskSamples.KnownSources));

        var rendered = MigrationTaskText.Render(TaskMapper.ToMigrationTask(task, Sources, new FakeTlsFileStore()));

        var golden = Path.Combine(directory, name + ".txt");
        if (Environment.GetEnvironmentVariable("SLUICE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, rendered);
        }

        Assert.Equal(File.ReadAllText(golden), rendered);
    }

    private static string GoldenDirectory([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "golden");
}
