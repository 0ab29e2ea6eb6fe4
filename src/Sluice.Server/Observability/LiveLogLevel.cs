using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Sluice.Server.Observability;

/// <summary>
/// The server's minimum log level, changeable while it runs (TiCDC's POST /api/v2/log): a change makes the logging
/// filter options change, and the logger factory applies them to every logger at once. ASP.NET Core's own categories
/// stay at Warning unless the level is Debug or below, as at start.
/// </summary>
internal sealed class LiveLogLevel : IDisposable
{
    private readonly Lock _gate = new();
    private LogLevel _level;
    private CancellationTokenSource _changed = new();

    public LiveLogLevel(LogLevel level) => _level = level;

    public LogLevel Level
    {
        get
        {
            lock (_gate)
                return _level;
        }
    }

    public void Dispose()
    {
        lock (_gate)
            _changed.Dispose();
    }

    public void Set(LogLevel level)
    {
        CancellationTokenSource previous;
        lock (_gate)
        {
            _level = level;
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        // Fires the options' change: the factory reads them again. Not disposed: it has no timer or link to free, and
        // a listener may still register on its (cancelled) token.
        previous.Cancel();
    }

    public IChangeToken ChangeToken()
    {
        lock (_gate)
            return new CancellationChangeToken(_changed.Token);
    }

    public void Apply(LoggerFilterOptions options)
    {
        var level = Level;
        options.MinLevel = level;
        var microsoft = options.Rules.Where(r => r.ProviderName is null && r.CategoryName == "Microsoft").ToList();
        foreach (var rule in microsoft)
            options.Rules.Remove(rule);
        if (level > LogLevel.Debug)
            options.Rules.Add(new LoggerFilterRule(null, "Microsoft", LogLevel.Warning, null));
    }

    /// <summary>Registers the live level (as a singleton the API changes) over whatever the builder set before.</summary>
    public static void AddTo(ILoggingBuilder logging, LogLevel initial)
    {
        var live = new LiveLogLevel(initial);
        logging.Services.AddSingleton(live);
        logging.Services.AddSingleton<IOptionsChangeTokenSource<LoggerFilterOptions>>(new ChangeTokenSource(live));
        logging.Services.AddSingleton<IConfigureOptions<LoggerFilterOptions>>(new ConfigureOptions<LoggerFilterOptions>(live.Apply));
    }

    private sealed class ChangeTokenSource(LiveLogLevel live) : IOptionsChangeTokenSource<LoggerFilterOptions>
    {
        public string Name => Options.DefaultName;

        public IChangeToken GetChangeToken() => live.ChangeToken();
    }
}
