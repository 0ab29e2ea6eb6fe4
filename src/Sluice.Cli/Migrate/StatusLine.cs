namespace Sluice.Cli.Migrate;

/// <summary>
/// One status line on standard error: redrawn in place on a terminal, written as a new line otherwise, never more
/// often than the interval given for each. Thread-safe.
/// </summary>
internal sealed class StatusLine(TimeSpan terminalInterval, TimeSpan logInterval)
{
    private readonly Lock _gate = new();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private long _lastDrawTicks = Environment.TickCount64 - 3_600_000;
    private bool _drawn;

    /// <summary>Draws <paramref name="line"/> unless one was drawn within the interval (<paramref name="force"/> draws anyway).</summary>
    public void Draw(Func<string> line, bool force = false)
    {
        lock (_gate)
        {
            var now = Environment.TickCount64;
            if (!force && now - _lastDrawTicks < (_terminal ? terminalInterval : logInterval).TotalMilliseconds)
                return;
            _lastDrawTicks = now;
            var text = line();
            if (_terminal)
            {
                Console.Error.Write("\r" + text.PadRight(Console.BufferWidth > 0 ? Math.Min(Console.BufferWidth - 1, 200) : text.Length));
                _drawn = true;
            }
            else
            {
                Console.Error.WriteLine(text);
            }
        }
    }

    /// <summary>A line of its own, after ending the in-place one.</summary>
    public void WriteLine(string text)
    {
        lock (_gate)
        {
            EndInPlace();
            Console.Error.WriteLine(text);
        }
    }

    /// <summary>Ends the in-place line so what follows starts on its own.</summary>
    public void Finish()
    {
        lock (_gate)
            EndInPlace();
    }

    private void EndInPlace()
    {
        if (_drawn)
            Console.Error.WriteLine();
        _drawn = false;
    }
}
