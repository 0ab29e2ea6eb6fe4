using System.Text.Json.Nodes;
using Sluice.Cli.Dmctl;

namespace Sluice.Cli.Tests.Dmctl;

public sealed class LoadPhasesTests
{
    [Fact]
    public void A_dumping_source_shows_its_dump()
    {
        var subtask = Subtask("""{"unit": "dump", "dump_status": {"progress": "40.00 %"}}""");
        Assert.Equal([("dump", 40.0)], LoadPhases.Of(subtask, null));
    }

    [Fact]
    public void A_loading_source_seen_dumping_shows_the_dump_full_and_its_load()
    {
        var subtask = Subtask("""{"unit": "load", "load_status": {"progress": "12.50 %"}}""");
        Assert.Equal([("dump", 100.0), ("load", 12.5)], LoadPhases.Of(subtask, "dump"));
        Assert.Equal([("load", 12.5)], LoadPhases.Of(subtask, null));
    }

    [Fact]
    public void A_syncing_source_shows_the_phases_seen_before_as_finished()
    {
        var subtask = Subtask("""{"unit": "sync", "sync_status": {}}""");
        Assert.Equal([("dump", 100.0), ("load", 100.0)], LoadPhases.Of(subtask, "dump"));
        Assert.Equal([("load", 100.0)], LoadPhases.Of(subtask, "load"));
        Assert.Empty(LoadPhases.Of(subtask, null));
    }

    [Fact]
    public void A_unit_with_no_figures_yet_is_at_zero_and_an_unknown_unit_shows_nothing()
    {
        Assert.Equal([("dump", 0.0)], LoadPhases.Of(Subtask("""{"unit": "dump"}"""), null));
        Assert.Empty(LoadPhases.Of(Subtask("""{"unit": ""}"""), "dump"));
    }

    private static JsonObject Subtask(string json) => JsonNode.Parse(json)!.AsObject();
}
