using MySqlConnector;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Processing;

/// <summary>
/// The captured tables' structures: columns from information_schema.COLUMNS and keys from STATISTICS, looked up
/// once per table and kept until a DDL touches it. It is the binlog client's schema provider, so row events are
/// decoded with the names it knows; a table map whose column count differs from the table as it is now (events
/// written before a later ALTER) is described from the binlog's own metadata instead (column names need
/// <c>binlog_row_metadata=FULL</c> on the source then).
/// </summary>
internal sealed class SourceTables(string connectionString) : IAsyncDisposable
{
    private readonly Dictionary<(string Schema, string Table), Entry?> _tables = [];
    // By the binlog's table id, checked against the map's names and column count: every transaction brings a new
    // table map object, and hashing each new object (its header hash) cost a third of the capture's time.
    private readonly Dictionary<ulong, MappedTable> _fromMaps = [];
    private MySqlConnection? _connection;
    private string? _structures;

    /// <summary>The version given to a table's structure when no captured DDL gave it one.</summary>
    public Tso InitialVersion { get; set; }

    /// <summary>Every structure known now, as a checkpoint keeps them (computed again only after a change).</summary>
    public string Structures => _structures ??= TableStructureJson.Write(_tables.Values.Where(e => e is not null).Select(e => e!.Table));

    /// <summary>Takes the structures a checkpoint kept: the tables as they were at its position.</summary>
    public void Restore(string structures)
    {
        foreach (var table in TableStructureJson.Read(structures))
            _tables[(table.Schema, table.Name)] = new Entry(TableStructureJson.ToSchema(table), table);
        _structures = null;
    }

    /// <summary>Looks up every table of <paramref name="selected"/> not known yet: their structures as of the start.</summary>
    public async Task PreloadAsync(Func<string, string, bool> selected, CancellationToken cancellationToken)
    {
        var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<(string, string)>();
        await using (var command = new MySqlCommand("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'", connection))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var name = (reader.GetString(0), reader.GetString(1));
                if (selected(name.Item1, name.Item2) && !_tables.ContainsKey(name))
                    names.Add(name);
            }
        }

        foreach (var (schema, table) in names)
            await GetAsync(schema, table, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tables whose row events are captured; the others are not looked up for the binlog client. All when null.</summary>
    public Func<string, string, bool>? Selected { get; set; }

    /// <summary>
    /// The binlog client's <see cref="Sluice.MySql.Replication.BinlogClientOptions.TableSchemaProvider"/>: null for a
    /// table not <see cref="Selected"/>, whose rows are dropped anyway (no information_schema query for it).
    /// </summary>
    public async ValueTask<TableSchema?> DescribeAsync(TableMapEvent map, CancellationToken cancellationToken)
    {
        if (Selected is { } selected && !selected(map.SchemaName, map.TableName))
            return null;
        var entry = await GetAsync(map.SchemaName, map.TableName, cancellationToken).ConfigureAwait(false);
        return entry is not null && entry.Schema.Columns.Count == map.ColumnCount ? entry.Schema : null;
    }

    /// <summary>The captured structure of a table map's table, for its row events.</summary>
    public async ValueTask<ChangeTable> TableOfAsync(TableMapEvent map, CancellationToken cancellationToken)
    {
        if (_fromMaps.TryGetValue(map.TableId, out var known) && known.Matches(map))
            return known.Table;
        var entry = await GetAsync(map.SchemaName, map.TableName, cancellationToken).ConfigureAwait(false);
        var table = entry is not null && entry.Schema.Columns.Count == map.ColumnCount
            ? entry.Table
            : TableStructure.FromMap(map, entry?.Table.Version ?? InitialVersion);
        if (_fromMaps.Count > 4096)
            _fromMaps.Clear();
        _fromMaps[map.TableId] = new MappedTable(map.SchemaName, map.TableName, map.ColumnCount, table);
        return table;
    }

    /// <summary>The table as it is now on the source, versioned <paramref name="version"/>; null when it does not exist.</summary>
    public async ValueTask<ChangeTable?> ReloadAsync(string schema, string table, Tso version, CancellationToken cancellationToken)
    {
        Forget(schema, table);
        var entry = await LoadAsync(schema, table, version, cancellationToken).ConfigureAwait(false);
        _tables[(schema, table)] = entry;
        _structures = null;
        return entry?.Table;
    }

    /// <summary>The table as last looked up (null when unknown or absent).</summary>
    public async ValueTask<ChangeTable?> CurrentAsync(string schema, string table, CancellationToken cancellationToken) =>
        (await GetAsync(schema, table, cancellationToken).ConfigureAwait(false))?.Table;

    public void Forget(string schema, string table)
    {
        _tables.Remove((schema, table));
        _fromMaps.Clear();
        _structures = null;
    }

    /// <summary>After a DDL on a whole database: every table of it may have changed or gone.</summary>
    public void ForgetSchema(string schema)
    {
        foreach (var key in _tables.Keys.Where(k => string.Equals(k.Schema, schema, StringComparison.OrdinalIgnoreCase)).ToList())
            _tables.Remove(key);
        _fromMaps.Clear();
        _structures = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync().ConfigureAwait(false);
        _connection = null;
    }

    private async ValueTask<Entry?> GetAsync(string schema, string table, CancellationToken cancellationToken)
    {
        if (_tables.TryGetValue((schema, table), out var entry))
            return entry;
        entry = await LoadAsync(schema, table, InitialVersion, cancellationToken).ConfigureAwait(false);
        _tables[(schema, table)] = entry;
        _structures = null;
        return entry;
    }

    private async Task<Entry?> LoadAsync(string schema, string table, Tso version, CancellationToken cancellationToken)
    {
        var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
        var columns = new List<TableSchemaColumn>();
        await using (var command = new MySqlCommand(
            "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_SET_NAME, COLLATION_NAME, IS_NULLABLE, COLUMN_KEY, " +
            "NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_MAXIMUM_LENGTH " +
            "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @schema AND TABLE_NAME = @table ORDER BY ORDINAL_POSITION",
            connection))
        {
            command.Parameters.AddWithValue("@schema", schema);
            command.Parameters.AddWithValue("@table", table);
            var details = new List<(long? Precision, long? Scale, long? Fsp, long? Length)>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    columns.Add(new TableSchemaColumn(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        string.Equals(reader.GetString(5), "YES", StringComparison.Ordinal),
                        reader.GetString(6)));
                    details.Add((NullableLong(reader, 7), NullableLong(reader, 8), NullableLong(reader, 9), NullableLong(reader, 10)));
                }
            }

            if (columns.Count == 0)
                return null;
            var keys = await LoadKeysAsync(connection, schema, table, cancellationToken).ConfigureAwait(false);
            var schemaOfTable = new TableSchema(schema, table, columns);
            return new Entry(schemaOfTable, TableStructure.FromSchema(schemaOfTable, details, keys, version));
        }
    }

    private static async Task<IReadOnlyList<TableKey>> LoadKeysAsync(MySqlConnection connection, string schema, string table, CancellationToken cancellationToken)
    {
        var keys = new Dictionary<string, TableKey>(StringComparer.Ordinal);
        await using var command = new MySqlCommand(
            "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS " +
            "WHERE TABLE_SCHEMA = @schema AND TABLE_NAME = @table ORDER BY INDEX_NAME, SEQ_IN_INDEX",
            connection);
        command.Parameters.AddWithValue("@schema", schema);
        command.Parameters.AddWithValue("@table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = reader.GetString(0);
            if (!keys.TryGetValue(name, out var key))
            {
                key = new TableKey(name, Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture) == 0, []);
                keys[name] = key;
            }

            key.Columns.Add(reader.GetString(2));
        }

        return keys.Values.ToList();
    }

    private static long? NullableLong(MySqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private async ValueTask<MySqlConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
            return _connection;
        if (_connection is not null)
            await _connection.DisposeAsync().ConfigureAwait(false);
        _connection = new MySqlConnection(connectionString);
        await _connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return _connection;
    }

    private sealed record Entry(TableSchema Schema, ChangeTable Table);

    /// <summary>The captured structure a table id's row events were last described with.</summary>
    private sealed record MappedTable(string Schema, string Name, int Columns, ChangeTable Table)
    {
        public bool Matches(TableMapEvent map) =>
            map.ColumnCount == Columns && string.Equals(map.TableName, Name, StringComparison.Ordinal) && string.Equals(map.SchemaName, Schema, StringComparison.Ordinal);
    }
}

/// <summary>One index of a table: its name, whether unique, its columns in order.</summary>
internal sealed record TableKey(string Name, bool IsUnique, List<string> Columns)
{
    public bool IsPrimary => string.Equals(Name, "PRIMARY", StringComparison.Ordinal);
}
