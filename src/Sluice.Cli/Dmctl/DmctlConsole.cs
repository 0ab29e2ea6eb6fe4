using Spectre.Console;

namespace Sluice.Cli.Dmctl;

/// <summary>The Spectre console the dmctl-style commands print tables and progress on.</summary>
internal static class DmctlConsole
{
    /// <summary>
    /// Output that is not a terminal (a pipe, a file, a test) has no width to follow; tables get a wide one so a
    /// binlog position is not wrapped mid-name for a script that greps it.
    /// </summary>
    private const int RedirectedWidth = 160;

    public static IAnsiConsole ForStandardOutput()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
            console.Profile.Width = RedirectedWidth;
        return console;
    }

    /// <summary>A console writing plain text (no colour, no ANSI codes) into <paramref name="writer"/>.</summary>
    public static IAnsiConsole Plain(TextWriter writer, int width = RedirectedWidth)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }
}
