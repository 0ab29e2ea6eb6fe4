using System.Globalization;
using MySqlConnector;
using Sluice.Replication.Filtering;

namespace Sluice.Replication.Apply;

/// <summary>Reads a table's primary and unique keys from the server.</summary>
public static class UniqueKeys
{
    /// <summary>
    /// The primary key first, then the unique keys in the order SHOW INDEX lists them (creation order);
    /// functional key parts (no column) make a key unusable and leave it out.
    /// </summary>
    /// <remarks>https://dev.mysql.com/doc/refman/8.0/en/show-index.html</remarks>
    public static async Task<IReadOnlyList<UniqueKey>> LoadAsync(
        MySqlConnection connection,
        TableName table,
        MySqlTransaction? transaction = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var keys = new List<(string Name, List<string?> Columns)>();
        using (var command = new MySqlCommand("SHOW INDEX FROM " + SqlIdentifier.Quote(table), connection, transaction))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var nonUnique = reader.GetOrdinal("Non_unique");
            var keyName = reader.GetOrdinal("Key_name");
            var columnName = reader.GetOrdinal("Column_name");
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (Convert.ToInt64(reader.GetValue(nonUnique), CultureInfo.InvariantCulture) != 0)
                    continue;
                var name = reader.GetString(keyName);
                var column = reader.IsDBNull(columnName) ? null : reader.GetString(columnName);
                if (keys.Count == 0 || keys[^1].Name != name)
                    keys.Add((name, []));
                keys[^1].Columns.Add(column);
            }
        }

        return keys
            .Where(k => k.Columns.All(c => c is not null))
            .OrderByDescending(k => string.Equals(k.Name, UniqueKey.PrimaryName, StringComparison.OrdinalIgnoreCase))
            .Select(k => new UniqueKey(k.Name, k.Columns.Select(c => c!).ToArray()))
            .ToArray();
    }
}
