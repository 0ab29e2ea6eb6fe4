using System.Runtime.CompilerServices;
using Sluice.Server.Tasks.Conversion;

namespace Sluice.Server.Tests.Tasks.Conversion;

/// <summary>
/// The task file written for a representative task (<see cref="TaskSamples.ValidTaskJson"/>), compared as text to
/// golden/orders-merge.yaml. SLUICE_UPDATE_GOLDEN=1 rewrites the file from what the converter gives.
/// </summary>
public sealed class TaskYamlGoldenTests
{
    [Fact]
    public void The_task_file_for_a_task_matches_its_golden_copy()
    {
        var yaml = TaskYamlConverter.ToYaml(TaskSamples.Valid());

        var golden = Path.Combine(GoldenDirectory(), "orders-merge.yaml");
        if (Environment.GetEnvironmentVariable("SLUICE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, yaml);
        }

        Assert.Equal(File.ReadAllText(golden), yaml);
    }

    private static string GoldenDirectory([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "golden");
}
