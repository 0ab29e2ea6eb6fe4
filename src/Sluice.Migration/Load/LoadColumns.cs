using System.Globalization;
using Sluice.Migration.Dump;

namespace Sluice.Migration.Load;

/// <summary>What the loader knows of a target column: enough to decide how LOAD DATA fills it.</summary>
internal sealed record TargetColumn(string Name, bool IsAutoIncrement, bool IsGenerated);

/// <summary>
/// The column list and SET clause of a table's LOAD DATA: raw values go straight into their columns, the other
/// encodings of docs/dump-format.md through a user variable and an expression.
/// </summary>
/// <remarks>https://mariadb.com/kb/en/load-data-infile/</remarks>
internal sealed record LoadColumns(IReadOnlyList<string> Columns, IReadOnlyList<string> Expressions)
{
    /// <summary>Builds the lists for the dump's columns of a table, given what its target table holds.</summary>
    /// <param name="dumped">Columns in file order with their encodings.</param>
    /// <param name="target">The target table's columns by name (case-insensitive, as MySQL compares column names).</param>
    public static LoadColumns For(IReadOnlyList<DumpedColumn> dumped, IReadOnlyDictionary<string, TargetColumn> target)
    {
        var columns = new string[dumped.Count];
        var expressions = new List<string>();
        var autoIncrement = new List<int>();
        for (var i = 0; i < dumped.Count; i++)
        {
            var column = dumped[i];
            if (!target.TryGetValue(column.Name, out var targetColumn))
                throw new MigrationException($"the target table has no column {Sql.Quote(column.Name)}");
            var variable = "@v" + i.ToString(CultureInfo.InvariantCulture);
            var name = Sql.Quote(column.Name);
            if (targetColumn.IsGenerated)
            {
                // The server computes generated columns; a value for one is an error on MySQL. Read and drop it.
                columns[i] = variable;
                continue;
            }

            switch (column.Encoding)
            {
                case ColumnEncoding.Raw:
                    columns[i] = name;
                    if (targetColumn.IsAutoIncrement)
                        autoIncrement.Add(i);
                    break;
                case ColumnEncoding.BitInteger:
                    columns[i] = variable;
                    expressions.Add($"{name} = CAST({variable} AS UNSIGNED)");
                    break;
                case ColumnEncoding.GeometryHex:
                    // The hex is the server's own geometry bytes (SRID, then WKB), which a GEOMETRY column takes
                    // as they are (mysqldump --hex-blob relies on it): the SRID survives, and MySQL 8 does not
                    // reorder the axes of a geographic SRS as ST_GeomFromWKB(wkb, srid) would.
                    columns[i] = variable;
                    expressions.Add($"{name} = UNHEX({variable})");
                    break;
                default:
                    throw new MigrationException(
                        $"column {Sql.Quote(column.Name)} has encoding '{column.Encoding}', which this loader does not know");
            }
        }

        // MariaDB ignores NO_AUTO_VALUE_ON_ZERO for a column read straight from the file once the statement has a
        // SET clause, so a source row with id 0 would get a new id: route such a column through SET as well.
        if (expressions.Count > 0)
        {
            foreach (var i in autoIncrement)
            {
                var variable = "@v" + i.ToString(CultureInfo.InvariantCulture);
                expressions.Add($"{columns[i]} = {variable}");
                columns[i] = variable;
            }
        }

        return new LoadColumns(columns, expressions);
    }
}
