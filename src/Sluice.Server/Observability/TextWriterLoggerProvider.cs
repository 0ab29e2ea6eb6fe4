using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Sluice.Server.Observability;

/// <summary>
/// Writes log entries to a <see cref="TextWriter"/> with one of the console's formatters, one whole entry at a time,
/// so that a log goes to a file or a test's buffer in exactly the format the console shows.
/// </summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer, ConsoleFormatter formatter) : ILoggerProvider, ISupportExternalScope
{
    private readonly Lock _gate = new();
    private IExternalScopeProvider? _scopes;

    public ILogger CreateLogger(string categoryName) => new EntryLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        // The writer belongs to whoever gave it.
    }

    private void Write<TState>(in LogEntry<TState> entry)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        formatter.Write(entry, _scopes, text);
        var line = text.ToString();
        if (line.Length == 0)
            return;
        lock (_gate)
        {
            writer.Write(line);
            writer.Flush();
        }
    }

    private sealed class EntryLogger(TextWriterLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                provider.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
        }
    }
}
