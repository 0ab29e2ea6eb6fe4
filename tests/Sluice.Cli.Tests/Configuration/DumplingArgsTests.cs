using Sluice.Cli.Configuration;
using Sluice.Migration;

namespace Sluice.Cli.Tests.Configuration;

/// <summary>The dumpling options Sluice reads out of a mydumpers entry's extra-args, in pflag's spellings.</summary>
public sealed class DumplingArgsTests
{
    private static DumplingArgs Parse(string extraArgs) => DumplingArgs.Parse(extraArgs, problem => new FormatException(problem));

    [Theory]
    [InlineData("-r 100")]
    [InlineData("-r100")]
    [InlineData("-r=100")]
    [InlineData("--rows 100")]
    [InlineData("--rows=100")]
    [InlineData("  --rows   100  ")]
    public void Every_spelling_of_an_option_reads_the_same(string extraArgs)
    {
        Assert.Equal(100, Parse(extraArgs).Rows);
    }

    [Fact]
    public void Several_options_read_together()
    {
        var args = Parse("--consistency snapshot -t 6 -F=2GiB --rows 7");

        Assert.Equal(new DumplingArgs { Consistency = Consistency.Snapshot, Threads = 6, FileSize = 2L << 30, Rows = 7 }, args);
    }

    [Fact]
    public void Nothing_given_overrides_nothing()
    {
        Assert.Equal(new DumplingArgs(), Parse("   "));
    }

    [Fact]
    public void Every_tuning_option_Sluice_does_not_act_on_is_accepted()
    {
        var extraArgs = string.Join(' ', DmKeysNotActedOn.ExtraArgs.Select(option => option.Value ? $"{option.Key} v" : option.Key));

        Assert.Equal(new DumplingArgs(), Parse(extraArgs));
    }

    [Fact]
    public void A_value_option_at_the_end_without_its_value_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => Parse("--consistency none -F"));

        Assert.Equal("-F needs a value", error.Message);
    }
}
