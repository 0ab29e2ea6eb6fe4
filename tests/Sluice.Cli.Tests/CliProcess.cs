using System.Diagnostics;
using System.Text;

namespace Sluice.Cli.Tests;

/// <summary>Runs the built <c>sluice</c> CLI as its own process, as a user would.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly StringBuilder _stdoutSoFar = new();

    private CliProcess(Process process)
    {
        _process = process;
        _stdout = ReadAllAsync(process.StandardOutput, _stdoutSoFar);
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>What the CLI has printed on standard output so far.</summary>
    public string StdoutSoFar
    {
        get
        {
            lock (_stdoutSoFar)
                return _stdoutSoFar.ToString();
        }
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL, as kill -9 does: no clean-up runs.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    public static CliProcess Start(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sluice.dll"));
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        return new CliProcess(Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the CLI"));
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        using var cli = Start(arguments);
        return await cli.WaitAsync(TimeSpan.FromMinutes(2));
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> WaitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"the CLI did not exit within {timeout}: {await _stderr}");
        }

        return (_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>
    /// Polls <paramref name="condition"/> every 100 ms until it holds; fails with the CLI's error output when the CLI
    /// exits first, and fails when the condition does not hold within <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (HasExited)
                Assert.Fail("the CLI exited: " + (await WaitAsync(TimeSpan.FromSeconds(5))).Stderr);
            if (clock.Elapsed > timeout)
                Assert.Fail($"the CLI did not get there within {timeout}");
            await Task.Delay(100);
        }
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private static async Task<string> ReadAllAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
                into.Append(buffer, 0, read);
        }

        lock (into)
            return into.ToString();
    }
}
