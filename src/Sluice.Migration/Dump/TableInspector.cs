using System.Globalization;
using MySqlConnector;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Dump;

/// <summary>
/// Reads the dumped tables' columns, unique keys and row estimates from information_schema (one query of each
/// kind per schema) and decides how each table is selected and chunked.
/// </summary>
internal static class TableInspector
{
    private static readonly HashSet<string> IntegerTypes = ["tinyint", "smallint", "mediumint", "int", "bigint"];

    private static readonly HashSet<string> GeometryTypes =
        ["geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection", "geomcollection"];

    public static async Task<IReadOnlyList<DumpTableLayout>> InspectAsync(
        MySqlConnection connection, IReadOnlyList<TableName> tables, CancellationToken cancellationToken)
    {
        var layouts = new Dictionary<TableName, DumpTableLayout>();
        foreach (var schema in tables.Select(t => t.Schema).Distinct(StringComparer.Ordinal))
        {
            SchemaFacts facts;
            try
            {
                facts = await ReadSchemaAsync(connection, schema, cancellationToken).ConfigureAwait(false);
            }
            catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw DumpErrors.From(ex, $"reading the tables of schema {SqlNames.Quote(schema)} from information_schema");
            }

            foreach (var table in tables.Where(t => t.Schema == schema))
                layouts[table] = Layout(table, facts);
        }

        return tables.Select(t => layouts[t]).ToList();
    }

    private static DumpTableLayout Layout(TableName table, SchemaFacts facts)
    {
        if (!facts.Tables.TryGetValue(table.Table, out var kind))
        {
            throw new MigrationException(
                $"table {SqlNames.Quote(table)} does not exist on the source (dropped, or not visible to the dump user) [MySQL error {DumpErrors.NoSuchTable}]",
                DumpErrors.NoSuchTable);
        }

        if (kind.Type != "BASE TABLE")
            throw new MigrationException($"{SqlNames.Quote(table)} is a {kind.Type}, not a base table: only base tables are dumped");

        var sourceColumns = facts.Columns.GetValueOrDefault(table.Table, []);
        var dumped = sourceColumns.Where(c => !c.IsGenerated).ToList();
        var columns = dumped.Select(Column).ToList();
        var key = ChooseKey(facts.UniqueKeys.GetValueOrDefault(table.Table, []), dumped);
        return new DumpTableLayout(table, columns, key, kind.EstimatedRows);
    }

    /// <summary>The expression selecting a column as docs/dump-format.md encodes it.</summary>
    private static DumpColumnLayout Column(SourceColumn column)
    {
        var name = SqlNames.Quote(column.Name);
        return column.DataType switch
        {
            "bit" => new(column.Name, ColumnEncoding.BitInteger, $"CAST({name} + 0 AS BINARY)"),
            _ when GeometryTypes.Contains(column.DataType) => new(column.Name, ColumnEncoding.GeometryHex, $"CAST(HEX({name}) AS BINARY)"),

            // MySQL's JSON type: its text form (MariaDB's JSON is LONGTEXT and takes the general case).
            "json" => new(column.Name, ColumnEncoding.Raw, $"CAST(CAST({name} AS CHAR CHARACTER SET utf8mb4) AS BINARY)"),
            _ => new(column.Name, ColumnEncoding.Raw, $"CAST({name} AS BINARY)"),
        };
    }

    /// <summary>
    /// PRIMARY first; then unique keys whose columns are all NOT NULL, preferring a single integer column (it
    /// splits into parallel ranges), then fewer columns. Keys with prefix parts, expression parts, generated
    /// columns or types whose order cannot be reproduced from the dumped bytes (float, enum, set, bit, blob) are
    /// not usable.
    /// </summary>
    private static ChunkKey? ChooseKey(IReadOnlyList<UniqueKey> keys, List<SourceColumn> dumped)
    {
        ChunkKey? best = null;
        var bestRank = (0, 0, 0);
        foreach (var key in keys)
        {
            var columns = new List<ChunkKeyColumn>();
            foreach (var part in key.Parts)
            {
                var ordinal = part.Column is null || part.SubPart is not null
                    ? -1
                    : dumped.FindIndex(c => c.Name == part.Column);
                var comparand = ordinal < 0 || dumped[ordinal].IsNullable ? null : Comparand(dumped[ordinal]);
                if (comparand is null)
                    break;
                columns.Add(new ChunkKeyColumn(dumped[ordinal].Name, ordinal, comparand));
            }

            if (columns.Count != key.Parts.Count || columns.Count == 0)
                continue;
            var isInteger = columns.Count == 1 && IntegerTypes.Contains(dumped[columns[0].Ordinal].DataType);
            var rank = (key.Name == "PRIMARY" ? 0 : 1, isInteger ? 0 : 1, columns.Count);
            if (best is null || rank.CompareTo(bestRank) < 0)
            {
                best = new ChunkKey(key.Name, columns, isInteger);
                bestRank = rank;
            }
        }

        return best;
    }

    private static string? Comparand(SourceColumn column) => column.DataType switch
    {
        _ when IntegerTypes.Contains(column.DataType) =>
            column.ColumnType.Contains("unsigned", StringComparison.OrdinalIgnoreCase) ? "CAST({0} AS UNSIGNED)" : "CAST({0} AS SIGNED)",
        "year" => "CAST({0} AS UNSIGNED)",
        "decimal" => Invariant($"CAST({{0}} AS DECIMAL({column.Precision ?? 65},{column.Scale ?? 0}))"),
        "char" or "varchar" when SqlNames.IsPlainName(column.Charset) && SqlNames.IsPlainName(column.Collation) =>
            $"CONVERT({{0}} USING {column.Charset}) COLLATE {column.Collation}",
        "binary" or "varbinary" => "{0}",
        "date" => "CAST({0} AS DATE)",
        "datetime" or "timestamp" => Invariant($"CAST({{0}} AS DATETIME({column.DatetimePrecision ?? 0}))"),
        "time" => Invariant($"CAST({{0}} AS TIME({column.DatetimePrecision ?? 0}))"),
        _ => null,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static async Task<SchemaFacts> ReadSchemaAsync(MySqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var facts = new SchemaFacts();
        await using (var command = Query(connection, schema,
            "SELECT TABLE_NAME, TABLE_TYPE, TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = @schema"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var rows = reader.IsDBNull(2) ? 0 : Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
                facts.Tables[reader.GetString(0)] = (reader.GetString(1), rows);
            }
        }

        // EXTRA tells generated columns on every version (GENERATION_EXPRESSION is missing before MySQL 5.7);
        // MySQL 8's DEFAULT_GENERATED is an ordinary column with an expression default.
        await using (var command = Query(connection, schema,
            """
            SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, CHARACTER_SET_NAME, COLLATION_NAME,
                   NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, EXTRA
            FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @schema ORDER BY TABLE_NAME, ORDINAL_POSITION
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var extra = reader.IsDBNull(10) ? string.Empty : reader.GetString(10).ToUpperInvariant();
                var column = new SourceColumn(
                    Name: reader.GetString(1),
                    DataType: reader.GetString(2).ToLowerInvariant(),
                    ColumnType: reader.GetString(3),
                    IsNullable: reader.GetString(4) == "YES",
                    Charset: reader.IsDBNull(5) ? null : reader.GetString(5),
                    Collation: reader.IsDBNull(6) ? null : reader.GetString(6),
                    Precision: OptionalInt(reader, 7),
                    Scale: OptionalInt(reader, 8),
                    DatetimePrecision: OptionalInt(reader, 9),
                    IsGenerated: extra.Contains("VIRTUAL GENERATED", StringComparison.Ordinal)
                        || extra.Contains("STORED GENERATED", StringComparison.Ordinal)
                        || extra.Contains("PERSISTENT GENERATED", StringComparison.Ordinal));
                var table = reader.GetString(0);
                if (!facts.Columns.TryGetValue(table, out var list))
                    facts.Columns[table] = list = [];
                list.Add(column);
            }
        }

        await using (var command = Query(connection, schema,
            """
            SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME, SUB_PART FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = @schema AND NON_UNIQUE = 0 ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var table = reader.GetString(0);
                var index = reader.GetString(1);
                if (!facts.UniqueKeys.TryGetValue(table, out var keys))
                    facts.UniqueKeys[table] = keys = [];
                if (keys.Count == 0 || keys[^1].Name != index)
                    keys.Add(new UniqueKey(index, []));
                keys[^1].Parts.Add(new KeyPart(reader.IsDBNull(2) ? null : reader.GetString(2), OptionalInt(reader, 3)));
            }
        }

        return facts;
    }

    private static MySqlCommand Query(MySqlConnection connection, string schema, string sql)
    {
        var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@schema", schema);
        return command;
    }

    private static long? OptionalInt(MySqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private sealed class SchemaFacts
    {
        public Dictionary<string, (string Type, long EstimatedRows)> Tables { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<SourceColumn>> Columns { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<UniqueKey>> UniqueKeys { get; } = new(StringComparer.Ordinal);
    }

    private sealed record SourceColumn(
        string Name,
        string DataType,
        string ColumnType,
        bool IsNullable,
        string? Charset,
        string? Collation,
        long? Precision,
        long? Scale,
        long? DatetimePrecision,
        bool IsGenerated);

    private sealed record UniqueKey(string Name, List<KeyPart> Parts);

    private sealed record KeyPart(string? Column, long? SubPart);
}
