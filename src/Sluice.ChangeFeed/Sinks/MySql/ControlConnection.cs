using MySqlConnector;
using Sluice.Replication.Apply;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>The sink's own connection to the target, for reading table keys and running DDL: opened on first use, dropped after a failure.</summary>
internal sealed class ControlConnection(string connectionString) : IAsyncDisposable
{
    private MySqlConnection? _connection;

    public async ValueTask<MySqlConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
            return _connection;
        var connection = new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await WriterSession.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _connection = connection;
        return connection;
    }

    public async ValueTask DropAsync()
    {
        if (_connection is null)
            return;
        var connection = _connection;
        _connection = null;
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MySqlException or IOException or System.Net.Sockets.SocketException)
        {
            // Already broken.
        }
    }

    public ValueTask DisposeAsync() => DropAsync();
}
