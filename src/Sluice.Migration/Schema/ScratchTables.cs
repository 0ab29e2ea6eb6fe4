using System.Security.Cryptography;
using System.Text;
using MySqlConnector;
using Sluice.Replication.Apply;
using Sluice.Replication.Ddl;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Schema;

/// <summary>
/// Throwaway copies of tracked tables in the task's meta schema on the target, where a source DDL runs so that the
/// target's own server works out the table it leaves (every ALTER TABLE form, CREATE TABLE … LIKE, renames), and
/// which are dropped right after.
/// </summary>
/// <remarks>
/// The copies are empty tables named <c>_sluice_tracker_{hash}</c> after their source table and an owner (task and
/// source), so runs of several sources or tasks never share one. The connection must have foreign_key_checks off:
/// a copy may reference tables that have no copy.
/// </remarks>
internal sealed class ScratchTables(MySqlConnection connection, string scratchSchema, string owner)
{
    private readonly Dictionary<TableName, TableName> _names = [];

    /// <summary>The copy's name of <paramref name="table"/>.</summary>
    public TableName NameOf(TableName table)
    {
        if (!_names.TryGetValue(table, out var name))
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{owner}\0{table.Schema}\0{table.Table}"));
            name = new TableName(scratchSchema, "_sluice_tracker_" + Convert.ToHexStringLower(hash, 0, 8));
            _names[table] = name;
        }

        return name;
    }

    /// <summary>Creates the copy of <paramref name="table"/>, replacing one left behind.</summary>
    /// <exception cref="MySqlException">The target refuses the table's CREATE TABLE.</exception>
    /// <exception cref="MigrationException">The CREATE TABLE is not one.</exception>
    public async Task CreateAsync(TrackedTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var create = ParseCreateTable(table.CreateTable, table.Name.Schema);
        var own = create.Tables[0];
        await ExecuteAsync($"DROP TABLE IF EXISTS {SqlIdentifier.Quote(NameOf(table.Name))}", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(create.Rewrite(t => t == own ? NameOf(table.Name) : NameOf(t), _ => scratchSchema), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a source DDL on the copies of the tables it names.</summary>
    /// <exception cref="MySqlException">The target refuses it.</exception>
    public Task RunAsync(DdlStatement statement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return ExecuteAsync(statement.Rewrite(NameOf, _ => scratchSchema), cancellationToken);
    }

    /// <summary>The structure the copy of <paramref name="table"/> has now, named as the source table; null when it has none.</summary>
    public Task<TrackedTable?> ReadAsync(TableName table, CancellationToken cancellationToken)
    {
        var sources = _names.ToDictionary(p => p.Value, p => p.Key);
        return TableStructureReader.ReadAsync(connection, NameOf(table), table, t => sources.TryGetValue(t, out var source) ? source : t, cancellationToken);
    }

    /// <summary>Drops every copy this instance named.</summary>
    public async Task DropAllAsync(CancellationToken cancellationToken)
    {
        if (_names.Count == 0)
            return;
        await ExecuteAsync("DROP TABLE IF EXISTS " + string.Join(", ", _names.Values.Select(SqlIdentifier.Quote)), cancellationToken).ConfigureAwait(false);
        _names.Clear();
    }

    /// <summary>The one CREATE TABLE statement of <paramref name="sql"/> (a trailing semicolon allowed).</summary>
    /// <exception cref="MigrationException">It is not exactly one CREATE TABLE.</exception>
    public static DdlStatement ParseCreateTable(string sql, string schema)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var statements = DdlParser.Parse(sql.TrimEnd().TrimEnd(';'), schema);
        if (statements.Count == 1 && statements[0].Kind == DdlKind.Unknown)
            throw new MigrationException($"not a CREATE TABLE statement ({statements[0].Reason})");
        if (statements.Count != 1 || statements[0].Kind != DdlKind.CreateTable || statements[0].Tables.Count == 0)
            throw new MigrationException("exactly one CREATE TABLE statement is expected");
        return statements[0];
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
