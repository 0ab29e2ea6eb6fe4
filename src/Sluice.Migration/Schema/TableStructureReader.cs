using MySqlConnector;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;
using Sluice.Replication.Ddl;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Schema;

/// <summary>Reads a table's structure from a server: SHOW CREATE TABLE and information_schema.COLUMNS.</summary>
internal static class TableStructureReader
{
    /// <summary>
    /// <paramref name="table"/> on <paramref name="connection"/> as a structure named <paramref name="name"/>; null when
    /// the table does not exist. Tables the CREATE TABLE names besides itself (foreign keys) are renamed by
    /// <paramref name="rename"/> when given.
    /// </summary>
    public static async Task<TrackedTable?> ReadAsync(
        MySqlConnection connection, TableName table, TableName name, Func<TableName, TableName>? rename, CancellationToken cancellationToken)
    {
        string createTable;
        try
        {
            await using var show = new MySqlCommand($"SHOW CREATE TABLE {SqlIdentifier.Quote(table)}", connection);
            await using var reader = await show.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.FieldCount < 2)
                return null;
            // A view answers with its CREATE VIEW (and four columns): no table to track.
            if (reader.FieldCount != 2)
                return null;
            createTable = reader.GetString(1);
        }
        catch (MySqlException ex) when (ex.Number is 1146 or 1049)
        {
            return null;
        }

        var columns = new List<TableSchemaColumn>();
        await using (var command = new MySqlCommand(
            "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_SET_NAME, COLLATION_NAME, IS_NULLABLE, COLUMN_KEY " +
            "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @schema AND TABLE_NAME = @table ORDER BY ORDINAL_POSITION",
            connection))
        {
            command.Parameters.AddWithValue("@schema", table.Schema);
            command.Parameters.AddWithValue("@table", table.Table);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
            }
        }

        return columns.Count == 0 ? null : new TrackedTable(name, Rename(createTable, table, name, rename), columns);
    }

    /// <summary>
    /// <paramref name="createTable"/> (of <paramref name="table"/>) as the CREATE TABLE of <paramref name="name"/>,
    /// naming it unqualified, as SHOW CREATE TABLE does.
    /// </summary>
    public static string Rename(string createTable, TableName table, TableName name, Func<TableName, TableName>? rename)
    {
        ArgumentNullException.ThrowIfNull(createTable);
        var statements = DdlParser.Parse(createTable, table.Schema);
        if (statements.Count == 1 && statements[0] is { Kind: DdlKind.CreateTable } create && create.Tables.Count > 0 && create.Tables[0] == table)
        {
            var text = create.Rewrite(t => t == table ? name : rename?.Invoke(t) ?? t, s => s);
            var qualified = "CREATE TABLE " + SqlIdentifier.Quote(name);
            if (text.StartsWith(qualified, StringComparison.Ordinal))
                return "CREATE TABLE " + SqlIdentifier.Quote(name.Table) + text[qualified.Length..];
            return text;
        }

        // Not understood (a syntax the parser does not know): only the table's own name, which leads the text, changes.
        var head = "CREATE TABLE " + SqlIdentifier.Quote(table.Table);
        return createTable.StartsWith(head, StringComparison.Ordinal)
            ? "CREATE TABLE " + SqlIdentifier.Quote(name.Table) + createTable[head.Length..]
            : createTable;
    }
}
