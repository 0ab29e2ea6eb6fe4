using Microsoft.Data.Sqlite;

namespace Sluice.Coordination;

/// <summary>
/// The embedded metadata store: one SQLite file (WAL mode) in the server's data directory. Every call opens a
/// pooled connection, so the store is safe to share between requests.
/// </summary>
public sealed class SqliteMetadataStore : IMetadataStore
{
    private readonly string _connectionString;

    private SqliteMetadataStore(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens (creating when missing) the store in <paramref name="path"/>.</summary>
    public static async Task<SqliteMetadataStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        var store = new SqliteMetadataStore(connectionString);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS documents (
              kind TEXT NOT NULL,
              name TEXT NOT NULL,
              document TEXT NOT NULL,
              version INTEGER NOT NULL,
              updated_at TEXT NOT NULL,
              PRIMARY KEY (kind, name)
            );
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    public async Task<StoredDocument?> GetAsync(string kind, string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT kind, name, document, version, updated_at FROM documents WHERE kind = $kind AND name = $name", kind, name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<StoredDocument>> ListAsync(string kind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT kind, name, document, version, updated_at FROM documents WHERE kind = $kind ORDER BY name", kind, null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var documents = new List<StoredDocument>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            documents.Add(Read(reader));
        return documents;
    }

    public async Task<StoredDocument?> CreateAsync(string kind, string name, string document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var now = DateTimeOffset.UtcNow;
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection,
            "INSERT INTO documents (kind, name, document, version, updated_at) VALUES ($kind, $name, $document, 1, $now) ON CONFLICT (kind, name) DO NOTHING", kind, name);
        command.Parameters.AddWithValue("$document", document);
        command.Parameters.AddWithValue("$now", now.ToString("O"));
        var inserted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return inserted == 1 ? new StoredDocument(kind, name, document, 1, now) : null;
    }

    public async Task<StoredDocument?> UpdateAsync(string kind, string name, string document, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var now = DateTimeOffset.UtcNow;
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection,
            "UPDATE documents SET document = $document, version = version + 1, updated_at = $now WHERE kind = $kind AND name = $name " +
            "AND ($expected IS NULL OR version = $expected) RETURNING kind, name, document, version, updated_at", kind, name);
        command.Parameters.AddWithValue("$document", document);
        command.Parameters.AddWithValue("$now", now.ToString("O"));
        command.Parameters.AddWithValue("$expected", expectedVersion is { } v ? v : DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<bool> DeleteAsync(string kind, string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "DELETE FROM documents WHERE kind = $kind AND name = $name", kind, name);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string kind, string? name)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$kind", kind);
        if (name is not null)
            command.Parameters.AddWithValue("$name", name);
        return command;
    }

    private static StoredDocument Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt64(3),
        DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture));
}
