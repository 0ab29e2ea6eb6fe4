using Xunit;

namespace Sluice.Testing;

/// <summary>
/// Assembly fixture: a source and a target MariaDB, separate instances, started once per test assembly
/// and stopped by pid when the run ends. Use with <c>[assembly: AssemblyFixture(typeof(MariaDbServers))]</c>.
/// </summary>
public sealed class MariaDbServers : IAsyncLifetime
{
    private MariaDbInstance? _source;
    private MariaDbInstance? _target;

    public MariaDbInstance Source => _source ?? throw new InvalidOperationException("not started");

    public MariaDbInstance Target => _target ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        var source = MariaDbInstance.StartAsync("source");
        var target = MariaDbInstance.StartAsync("target");
        _source = await source;
        _target = await target;
    }

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
            await _source.DisposeAsync();
        if (_target is not null)
            await _target.DisposeAsync();
    }
}
