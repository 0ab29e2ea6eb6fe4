using System.Text.Json.Nodes;
using Sluice.Cli.Dmctl;

namespace Sluice.Cli.Tests.Dmctl;

public sealed class SourceFilterTests
{
    [Fact]
    public void Named_sources_become_source_name_list()
    {
        Assert.Equal("""{"remove_meta":true,"source_name_list":["a","b c"]}""",
            SourceFilter.AddTo(new JsonObject { ["remove_meta"] = true }, ["a", "b c"]).ToJsonString());
        Assert.Equal("{}", SourceFilter.AddTo(new JsonObject(), []).ToJsonString());
        Assert.Equal("{}", SourceFilter.AddTo(new JsonObject(), null).ToJsonString());
    }

    [Fact]
    public void Named_sources_become_query_parameters_escaped()
    {
        Assert.Equal("?source_name_list=a&source_name_list=b%26c", SourceFilter.Query(["a", "b&c"], '?'));
        Assert.Equal("&source_name_list=a", SourceFilter.Query(["a"], '&'));
        Assert.Equal("", SourceFilter.Query(null, '?'));
    }
}
