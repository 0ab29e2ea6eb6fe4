namespace Sluice.Cli.Binlog;

/// <summary>
/// Standard output for a stream of events: writes go to a 64 KiB buffer, flushed when full and every 100 ms,
/// so a busy stream costs few system calls and a quiet one still shows each event at once.
/// </summary>
internal sealed class ConsoleOutput : IDisposable
{
    private readonly Lock _gate = new();
    private readonly BufferedStream _buffer = new(Console.OpenStandardOutput(), 1 << 16);
    private readonly Timer _timer;

    public ConsoleOutput()
    {
        _timer = new Timer(_ => Flush(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
            _buffer.Write(bytes);
    }

    public void Flush()
    {
        lock (_gate)
            _buffer.Flush();
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
        _buffer.Dispose();
    }
}
