using System.Globalization;
using Sluice.ChangeFeed.Model;
using Sluice.Testing;

namespace Sluice.ChangeFeed.Tests.EndToEnd;

/// <summary>
/// A mixed workload on one table — inserts in several transactions, updates, deletes, an ALTER TABLE ADD COLUMN,
/// then more inserts and an update under the new structure — and the row changes it makes, as MySQL's text of each
/// value, in commit order. Text values hold the characters CSV and JSON must escape.
/// </summary>
internal sealed class MixedWorkload(string schema)
{
    public const string Table = "orders";

    private readonly Dictionary<int, string?[]> _rows = [];
    private readonly List<ExpectedChange> _changes = [];

    public string Schema { get; } = schema;

    public IReadOnlyList<ExpectedChange> Changes => _changes;

    /// <summary>The rows changed per transaction, for sinks that count them.</summary>
    public int RowChanges => _changes.Count;

    public static async Task CreateAsync(MariaDbInstance source, string schema, CancellationToken cancellationToken) =>
        await source.ExecuteAsync(
            $"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; " +
            $"CREATE TABLE `{schema}`.`{Table}` (id INT PRIMARY KEY, v VARCHAR(60) NOT NULL, n DECIMAL(8,2) NULL)",
            cancellationToken);

    public async Task RunAsync(MariaDbInstance source, CancellationToken cancellationToken)
    {
        for (var batch = 0; batch < 3; batch++)
        {
            var values = new List<string>();
            for (var id = (batch * 10) + 1; id <= (batch + 1) * 10; id++)
            {
                var v = id % 3 == 0 ? $"quote \" comma , line\nbreak {id}" : $"v{id}";
                var n = id % 5 == 0 ? null : (id * 1.25m).ToString("0.00", CultureInfo.InvariantCulture);
                _rows[id] = [Text(id), v, n];
                _changes.Add(new ExpectedChange(RowChangeKind.Insert, null, _rows[id]));
                values.Add($"({id}, {Literal(v)}, {n ?? "NULL"})");
            }

            await source.ExecuteAsync($"INSERT INTO `{Schema}`.`{Table}` VALUES {string.Join(", ", values)}", cancellationToken);
        }

        await source.ExecuteAsync($"UPDATE `{Schema}`.`{Table}` SET v = CONCAT(v, '-u'), n = IFNULL(n, 0) + 1 WHERE id % 4 = 0", cancellationToken);
        foreach (var id in _rows.Keys.Where(id => id % 4 == 0).Order().ToList())
        {
            var before = _rows[id];
            var n = before[2] is { } text ? (decimal.Parse(text, CultureInfo.InvariantCulture) + 1).ToString("0.00", CultureInfo.InvariantCulture) : "1.00";
            _rows[id] = [before[0], before[1] + "-u", n];
            _changes.Add(new ExpectedChange(RowChangeKind.Update, before, _rows[id]));
        }

        await source.ExecuteAsync($"DELETE FROM `{Schema}`.`{Table}` WHERE id % 7 = 0", cancellationToken);
        foreach (var id in _rows.Keys.Where(id => id % 7 == 0).Order().ToList())
        {
            _changes.Add(new ExpectedChange(RowChangeKind.Delete, _rows[id], null));
            _rows.Remove(id);
        }

        await source.ExecuteAsync($"ALTER TABLE `{Schema}`.`{Table}` ADD COLUMN note VARCHAR(20) NULL", cancellationToken);
        foreach (var id in _rows.Keys.ToList())
            _rows[id] = [.. _rows[id], null];
        for (var id = 31; id <= 35; id++)
        {
            await source.ExecuteAsync($"INSERT INTO `{Schema}`.`{Table}` VALUES ({id}, 'late {id}', NULL, 'n{id}')", cancellationToken);
            _rows[id] = [Text(id), $"late {id}", null, $"n{id}"];
            _changes.Add(new ExpectedChange(RowChangeKind.Insert, null, _rows[id]));
        }

        await source.ExecuteAsync($"UPDATE `{Schema}`.`{Table}` SET note = 'changed' WHERE id = 31", cancellationToken);
        var old = _rows[31];
        _rows[31] = [old[0], old[1], old[2], "changed"];
        _changes.Add(new ExpectedChange(RowChangeKind.Update, old, _rows[31]));
    }

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Literal(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'";
}

/// <summary>One row change as the text of its values (null for SQL NULL).</summary>
internal sealed record ExpectedChange(RowChangeKind Kind, string?[]? Before, string?[]? After)
{
    public override string ToString() =>
        $"{Kind} [{string.Join("|", Before ?? [])}] -> [{string.Join("|", After ?? [])}]";
}
